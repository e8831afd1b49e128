package dev.kiln.api.limits;

import java.util.Map;

/**
 * The outcome of one request against its key's bucket, and the headers that tell it (IETF
 * draft-ietf-httpapi-ratelimit-headers): {@code RateLimit: limit=100, remaining=42, reset=1} and
 * {@code RateLimit-Policy: 100;w=2}.
 *
 * @param resetSeconds until the bucket is full again
 * @param retryAfterSeconds until the next request is allowed (when refused)
 */
public record RateLimitDecision(
    RateLimitPolicy policy,
    boolean allowed,
    long remaining,
    long resetSeconds,
    long retryAfterSeconds) {

  public Map<String, String> headers() {
    return Map.of(
        "RateLimit",
        "limit=%d, remaining=%d, reset=%d".formatted(policy.burst(), remaining, resetSeconds),
        "RateLimit-Policy",
        policy.header());
  }

  /** {@code Retry-After} of a refused request: at least one second. */
  public long retryAfter() {
    return Math.max(1, retryAfterSeconds);
  }
}
