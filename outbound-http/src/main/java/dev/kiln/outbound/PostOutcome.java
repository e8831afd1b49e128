package dev.kiln.outbound;

import java.time.Duration;

/**
 * The response to a post, whatever its status: {@link OutboundPoster} follows no redirect and
 * treats no status as a failure (a failure is a post that got no response head; its future fails
 * with an {@link OutboundException}).
 *
 * @param statusCode the HTTP status
 * @param retryAfter the {@code Retry-After} header as sent (seconds or an HTTP date), or null
 * @param location the {@code Location} header as sent (of a 3xx: not followed), or null
 * @param excerpt the start of the body, at most {@link PostSettings#excerptBytes()} bytes decoded
 *     as UTF-8 (invalid bytes replaced); shorter when the body was, or when it had not arrived
 *     within the timeout or broke off after the head
 * @param elapsed from the call to the outcome, name lookup and connecting included
 */
public record PostOutcome(
    int statusCode, String retryAfter, String location, String excerpt, Duration elapsed) {

  /** Whether the status is 2xx: the receiver took the delivery. */
  public boolean successful() {
    return statusCode >= 200 && statusCode <= 299;
  }
}
