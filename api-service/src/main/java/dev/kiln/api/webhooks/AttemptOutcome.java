package dev.kiln.api.webhooks;

import java.time.Duration;
import java.time.Instant;

/**
 * What one attempt gave and what follows from it.
 *
 * @param statusCode the receiver's status, null when there was no response
 * @param error why the attempt failed, null for a success
 * @param status the delivery's status after it: {@code pending} (retried at {@code nextAttemptAt}),
 *     {@code succeeded} or {@code failed}
 * @param failureReason why a failed delivery stopped
 */
record AttemptOutcome(
    ClaimedDelivery delivery,
    Instant at,
    Duration duration,
    Integer statusCode,
    String error,
    String responseExcerpt,
    String status,
    Instant nextAttemptAt,
    String failureReason) {

  static final String PENDING = "pending";
  static final String SUCCEEDED = "succeeded";
  static final String FAILED = "failed";
  static final String GONE = "gone";

  boolean succeeded() {
    return SUCCEEDED.equals(status);
  }

  /** The receiver answered 410 Gone: it wants no more deliveries. */
  boolean gone() {
    return GONE.equals(failureReason);
  }
}
