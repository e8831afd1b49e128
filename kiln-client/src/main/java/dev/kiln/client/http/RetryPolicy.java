package dev.kiln.client.http;

import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;

/**
 * When a call is tried again: after a 429 or a 503, waiting what {@code Retry-After} asks (when it
 * asks for no more than {@link #maxRetryAfter()}), else an exponential backoff with jitter; after a
 * connection failure, with the backoff, when the call is safe to repeat. At most {@link
 * #maxRetries()} times.
 *
 * @param maxRetries how many times a call is tried again (0: never)
 * @param initialBackoff the wait before the first retry without {@code Retry-After}; doubled each
 *     time
 * @param maxBackoff the longest wait without {@code Retry-After}
 * @param maxRetryAfter the longest {@code Retry-After} honoured: a longer one ends the retries
 */
public record RetryPolicy(
    int maxRetries, Duration initialBackoff, Duration maxBackoff, Duration maxRetryAfter) {

  /** 3 retries, 200 ms doubling up to 5 s, {@code Retry-After} up to 30 s. */
  public static final RetryPolicy DEFAULT =
      new RetryPolicy(3, Duration.ofMillis(200), Duration.ofSeconds(5), Duration.ofSeconds(30));

  /** Never tries again. */
  public static final RetryPolicy NONE =
      new RetryPolicy(0, Duration.ZERO, Duration.ZERO, Duration.ZERO);

  public RetryPolicy {
    if (maxRetries < 0) {
      throw new IllegalArgumentException("maxRetries must not be negative");
    }
  }

  /** Whether an answer of this status is tried again (if retries are left). */
  public static boolean retriedStatus(int status) {
    return status == 429 || status == 503;
  }

  /**
   * The wait before retry number {@code retry} (1, 2, ...) of an answer with this {@code
   * Retry-After}, or empty when the call must not be tried again.
   */
  public Optional<Duration> afterStatus(int retry, Duration retryAfter) {
    if (retry > maxRetries) {
      return Optional.empty();
    }
    if (retryAfter == null) {
      return Optional.of(backoff(retry));
    }
    return retryAfter.compareTo(maxRetryAfter) <= 0 ? Optional.of(retryAfter) : Optional.empty();
  }

  /** The wait before retry number {@code retry} after a connection failure, or empty. */
  public Optional<Duration> afterFailure(int retry) {
    return retry > maxRetries ? Optional.empty() : Optional.of(backoff(retry));
  }

  /** The backoff before retry {@code retry}: doubling from the initial one, with full jitter. */
  Duration backoff(int retry) {
    long ceiling =
        Math.min(maxBackoff.toMillis(), initialBackoff.toMillis() << Math.min(retry - 1, 20));
    return Duration.ofMillis(ceiling / 2 + ThreadLocalRandom.current().nextLong(ceiling / 2 + 1));
  }

  /**
   * {@code Retry-After} as a wait: delta seconds or an HTTP date; null when absent or unreadable.
   */
  public static Duration parseRetryAfter(String value) {
    if (value == null || value.isBlank()) {
      return null;
    }
    String text = value.strip();
    try {
      return Duration.ofSeconds(Math.max(0, Long.parseLong(text)));
    } catch (NumberFormatException e) {
      try {
        Duration until =
            Duration.between(
                ZonedDateTime.now(),
                ZonedDateTime.parse(text, DateTimeFormatter.RFC_1123_DATE_TIME));
        return until.isNegative() ? Duration.ZERO : until;
      } catch (DateTimeParseException notADate) {
        return null;
      }
    }
  }
}
