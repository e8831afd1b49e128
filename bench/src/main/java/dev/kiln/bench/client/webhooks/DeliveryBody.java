package dev.kiln.bench.client.webhooks;

import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;

/**
 * What the ledger reads from a webhook body {@code {"type", "timestamp", "data": {job}}}: the event
 * type, when the event happened (Kiln's database clock) and the job it is about.
 *
 * @param type e.g. {@code job.completed}
 * @param timestamp the event's instant
 * @param jobId {@code data.id}, null for an event that is not a job's (e.g. {@code webhook.test})
 */
public record DeliveryBody(String type, Instant timestamp, String jobId) {

  /**
   * Reads a body.
   *
   * @throws IllegalArgumentException when it is not such a JSON object
   */
  public static DeliveryBody parse(byte[] body) {
    JsonObject json;
    try {
      json = new JsonObject(new String(body, StandardCharsets.UTF_8));
    } catch (DecodeException e) {
      throw new IllegalArgumentException("not a JSON object");
    }
    Object type = json.getValue("type");
    Object timestamp = json.getValue("timestamp");
    Object data = json.getValue("data");
    if (!(type instanceof String) || !(timestamp instanceof String)) {
      throw new IllegalArgumentException("no type or timestamp");
    }
    Instant instant;
    try {
      instant = Instant.parse((String) timestamp);
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException("timestamp is not an ISO-8601 instant: " + timestamp);
    }
    String jobId = null;
    if (data instanceof JsonObject job && job.getValue("id") instanceof String id) {
      jobId = id;
    }
    return new DeliveryBody((String) type, instant, jobId);
  }
}
