package dev.kiln.api.webhooks;

import dev.kiln.api.db.RowValues;
import io.vertx.mutiny.sqlclient.Row;
import java.time.Instant;
import java.util.List;

/**
 * The webhook delivery object: one event for one target, with every attempt made.
 *
 * @param endpointId null for a job's own {@code webhook_url}
 * @param url where the delivery goes (an endpoint's URL as of the delivery's creation)
 * @param status {@code pending}, {@code succeeded} or {@code failed}
 * @param nextAttemptAt when a pending delivery is tried next
 * @param failureReason why a failed delivery stopped (e.g. {@code gone}, {@code endpoint disabled},
 *     {@code attempts exhausted})
 */
public record WebhookDeliveryView(
    String id,
    String object,
    String endpointId,
    String url,
    String eventId,
    String type,
    String jobId,
    String status,
    List<Attempt> attempts,
    Instant nextAttemptAt,
    String failureReason,
    Instant createdAt,
    Instant updatedAt) {

  /** The columns {@link #of} reads. */
  static final String COLUMNS =
      "id, endpoint_id, url, event_id, event_type, job_id, status, next_attempt_at, final_error,"
          + " created_at, updated_at";

  /**
   * One try to deliver.
   *
   * @param statusCode the receiver's HTTP status, null when none came (timeout, refused, ...)
   * @param error why the attempt failed, null for a 2xx
   * @param responseExcerpt the first kilobyte of the receiver's answer
   */
  public record Attempt(
      int number,
      Instant at,
      Integer statusCode,
      int durationMs,
      String error,
      String responseExcerpt) {

    static Attempt of(Row row) {
      return new Attempt(
          row.getInteger("number"),
          RowValues.instant(row, "attempted_at"),
          row.getInteger("status_code"),
          row.getInteger("duration_ms"),
          row.getString("error"),
          row.getString("response_excerpt"));
    }
  }

  static WebhookDeliveryView of(Row row, List<Attempt> attempts) {
    return new WebhookDeliveryView(
        row.getString("id"),
        "webhook_delivery",
        row.getString("endpoint_id"),
        row.getString("url"),
        row.getString("event_id"),
        row.getString("event_type"),
        row.getString("job_id"),
        row.getString("status"),
        attempts,
        RowValues.instant(row, "next_attempt_at"),
        row.getString("final_error"),
        RowValues.instant(row, "created_at"),
        RowValues.instant(row, "updated_at"));
  }
}
