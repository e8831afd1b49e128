package dev.kiln.client.jobs;

import com.fasterxml.jackson.databind.JsonNode;
import dev.kiln.client.errors.KilnException;
import dev.kiln.client.http.Json;
import dev.kiln.client.sse.SseEvent;
import java.io.IOException;

/**
 * One event of a job's live stream.
 *
 * @param id the event's id: a resume point ({@code Last-Event-ID})
 * @param type {@code job.queued}, {@code job.processing}, {@code job.progress}, {@code
 *     job.completed}, {@code job.failed}, {@code job.cancelled}, {@code job.expired}, or {@code
 *     snapshot} (a resume point the server no longer held: the job as it is now)
 * @param job the job as of this event
 */
public record JobEvent(String id, String type, Job job) {

  /** The event of a stream's SSE event, or null for one that carries no job. */
  public static JobEvent of(SseEvent event) {
    try {
      JsonNode data = Json.MAPPER.readTree(event.data());
      JsonNode job = "snapshot".equals(data.path("object").asText()) ? data.path("job") : data;
      if (!job.isObject() || !"job".equals(job.path("object").asText())) {
        return null;
      }
      return new JobEvent(event.id(), event.event(), Json.MAPPER.treeToValue(job, Job.class));
    } catch (IOException e) {
      throw new KilnException(
          "An event of the stream is not the JSON expected: " + e.getMessage(), e);
    }
  }
}
