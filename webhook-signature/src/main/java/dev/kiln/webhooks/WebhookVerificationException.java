package dev.kiln.webhooks;

/**
 * A webhook failed verification and must not be processed. {@link #reason()} is stable and
 * machine-readable; the message is for humans and never contains a secret.
 */
public final class WebhookVerificationException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  /** Why a webhook was rejected. */
  public enum Reason {
    /** The {@code webhook-id}, {@code webhook-timestamp} or {@code webhook-signature} is absent. */
    MISSING_HEADER,
    /** The {@code webhook-timestamp} is not a number of seconds. */
    INVALID_TIMESTAMP,
    /** The {@code webhook-timestamp} is further in the past than the tolerance. */
    TIMESTAMP_TOO_OLD,
    /** The {@code webhook-timestamp} is further in the future than the tolerance. */
    TIMESTAMP_TOO_NEW,
    /** No {@code v1} signature matches the message under any of the secrets. */
    NO_MATCHING_SIGNATURE
  }

  private final Reason reason;

  /**
   * A rejection.
   *
   * @param reason why the webhook was rejected
   * @param message a human-readable explanation, without secrets
   */
  public WebhookVerificationException(Reason reason, String message) {
    super(message);
    this.reason = reason;
  }

  /**
   * Why the webhook was rejected.
   *
   * @return the reason
   */
  public Reason reason() {
    return reason;
  }
}
