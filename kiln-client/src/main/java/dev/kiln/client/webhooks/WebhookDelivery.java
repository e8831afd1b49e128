package dev.kiln.client.webhooks;

import java.time.Instant;
import java.util.List;

/**
 * One event for one target, with every attempt made.
 *
 * @param endpointId null for a job's own {@code webhook_url}
 * @param eventId the {@code webhook-id} header of every attempt
 * @param type the event type, such as {@code job.completed} or {@code webhook.test}
 * @param status {@code pending}, {@code succeeded} or {@code failed}
 * @param nextAttemptAt when a pending delivery is tried next
 * @param failureReason why a failed delivery stopped
 */
public record WebhookDelivery(
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

  /**
   * One try to deliver.
   *
   * @param statusCode the receiver's HTTP status, null when none came
   * @param error why the attempt failed, null for a 2xx
   * @param responseExcerpt the first kilobyte of the receiver's answer
   */
  public record Attempt(
      int number,
      Instant at,
      Integer statusCode,
      int durationMs,
      String error,
      String responseExcerpt) {}
}
