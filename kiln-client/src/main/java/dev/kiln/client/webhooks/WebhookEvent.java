package dev.kiln.client.webhooks;

import com.fasterxml.jackson.databind.JsonNode;
import dev.kiln.client.errors.KilnException;
import dev.kiln.client.http.Json;
import dev.kiln.client.jobs.Job;
import java.io.IOException;
import java.time.Instant;

/**
 * A verified webhook's body: {@code {"type", "timestamp", "data"}}.
 *
 * @param id the {@code webhook-id}: the same on every retry of one event, to drop repeats
 * @param type such as {@code job.completed} or {@code webhook.test}
 * @param data the job object for a job's events
 */
public record WebhookEvent(String id, String type, Instant timestamp, JsonNode data) {

  /** The job this event is about (for {@code job.*} events). */
  public Job job() {
    try {
      return Json.MAPPER.treeToValue(data, Job.class);
    } catch (IOException e) {
      throw new KilnException("The webhook's data is not a job: " + e.getMessage(), e);
    }
  }

  static WebhookEvent parse(String id, byte[] body) {
    try {
      JsonNode json = Json.MAPPER.readTree(body);
      return new WebhookEvent(
          id,
          json.path("type").asText(null),
          json.hasNonNull("timestamp") ? Instant.parse(json.get("timestamp").asText()) : null,
          json.path("data"));
    } catch (IOException | RuntimeException e) {
      throw new KilnException("The webhook's body is not Kiln's JSON: " + e.getMessage(), e);
    }
  }
}
