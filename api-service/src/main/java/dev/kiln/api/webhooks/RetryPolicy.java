package dev.kiln.api.webhooks;

import dev.kiln.api.config.WebhooksConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Decides what an attempt's result means: a 2xx succeeds; 410 Gone fails for good (and disables the
 * endpoint); anything else is retried after the next delay of {@code kiln.webhooks.retry-delays}
 * (±{@code jitter}), or after the receiver's {@code Retry-After} on 429 and 503 (capped), until the
 * delivery's attempts are used up.
 */
@ApplicationScoped
public class RetryPolicy {

  private final List<Duration> delays;
  private final double jitter;
  private final Duration maxRetryAfter;

  @Inject
  public RetryPolicy(WebhooksConfig config) {
    this(config.retryDelays(), config.jitter(), config.maxRetryAfter());
  }

  RetryPolicy(List<Duration> delays, double jitter, Duration maxRetryAfter) {
    this.delays = List.copyOf(delays);
    this.jitter = jitter;
    this.maxRetryAfter = maxRetryAfter;
  }

  /** Attempts a delivery gets unless told otherwise (a redelivery gets one more). */
  public int defaultAttempts() {
    return 1 + delays.size();
  }

  /**
   * @param statusCode the response's status, null when none came
   * @param retryAfter its {@code Retry-After}, or null
   * @param error why there was no response, or null
   */
  AttemptOutcome decide(
      ClaimedDelivery delivery,
      Instant at,
      Duration duration,
      Integer statusCode,
      String retryAfter,
      String excerpt,
      String error) {
    if (statusCode != null && statusCode >= 200 && statusCode <= 299) {
      return new AttemptOutcome(
          delivery, at, duration, statusCode, null, excerpt, AttemptOutcome.SUCCEEDED, null, null);
    }
    String why = error != null ? error : "the receiver answered " + statusCode;
    if (statusCode != null && statusCode == 410) {
      return failed(delivery, at, duration, statusCode, why, excerpt, AttemptOutcome.GONE);
    }
    int allowed = delivery.maxAttempts() != null ? delivery.maxAttempts() : defaultAttempts();
    if (delivery.attempt() >= allowed) {
      return failed(delivery, at, duration, statusCode, why, excerpt, "attempts exhausted");
    }
    Duration wait = waitAfter(delivery.attempt(), statusCode, retryAfter, at);
    return new AttemptOutcome(
        delivery,
        at,
        duration,
        statusCode,
        why,
        excerpt,
        AttemptOutcome.PENDING,
        at.plus(wait),
        null);
  }

  /** A delivery that cannot be attempted at all (its endpoint was disabled meanwhile, ...). */
  AttemptOutcome refused(ClaimedDelivery delivery, Instant at, String why) {
    return failed(delivery, at, Duration.ZERO, null, why, null, why);
  }

  private static AttemptOutcome failed(
      ClaimedDelivery delivery,
      Instant at,
      Duration duration,
      Integer statusCode,
      String error,
      String excerpt,
      String reason) {
    return new AttemptOutcome(
        delivery, at, duration, statusCode, error, excerpt, AttemptOutcome.FAILED, null, reason);
  }

  /** The wait before attempt {@code attempt + 1}. */
  Duration waitAfter(int attempt, Integer statusCode, String retryAfter, Instant now) {
    if (statusCode != null && (statusCode == 429 || statusCode == 503)) {
      Duration asked = parseRetryAfter(retryAfter, now);
      if (asked != null) {
        return asked.compareTo(maxRetryAfter) > 0 ? maxRetryAfter : asked;
      }
    }
    Duration base = delays.get(Math.min(attempt, delays.size()) - 1);
    double spread = jitter <= 0 ? 1 : 1 + ThreadLocalRandom.current().nextDouble(-jitter, jitter);
    return Duration.ofMillis(Math.round(base.toMillis() * spread));
  }

  /** {@code Retry-After} as delta-seconds or an HTTP date; null when absent or malformed. */
  static Duration parseRetryAfter(String value, Instant now) {
    if (value == null || value.isBlank()) {
      return null;
    }
    String trimmed = value.trim();
    if (trimmed.chars().allMatch(Character::isDigit) && trimmed.length() <= 9) {
      return Duration.ofSeconds(Long.parseLong(trimmed));
    }
    try {
      Instant when = ZonedDateTime.parse(trimmed, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
      return when.isAfter(now) ? Duration.between(now, when) : Duration.ZERO;
    } catch (DateTimeParseException e) {
      return null;
    }
  }
}
