package dev.kiln.outbound;

import java.time.Duration;

/**
 * Limits of every request an {@link OutboundPoster} makes.
 *
 * @param connectTimeout the longest a TCP (and TLS) connection may take to open
 * @param timeout the longest a whole post may take (connect, send, response head and excerpt),
 *     unless the caller asks for less; also how long an idle pooled connection is kept
 * @param excerptBytes how much of the response body is kept as {@link PostOutcome#excerpt()}; the
 *     rest is not read
 * @param maxPoolSizePerHost keep-alive connections kept open per checked address and host name
 * @param userAgent the {@code User-Agent} header sent
 */
public record PostSettings(
    Duration connectTimeout,
    Duration timeout,
    int excerptBytes,
    int maxPoolSizePerHost,
    String userAgent) {

  public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(10);
  public static final int DEFAULT_EXCERPT_BYTES = 1024;
  public static final int DEFAULT_MAX_POOL_SIZE_PER_HOST = 8;

  public PostSettings {
    GuardedClient.requirePositive(connectTimeout, "connect timeout");
    GuardedClient.requirePositive(timeout, "timeout");
    if (excerptBytes < 0) {
      throw new IllegalArgumentException("excerpt bytes must not be negative");
    }
    if (maxPoolSizePerHost < 1) {
      throw new IllegalArgumentException("pool size per host must be at least 1");
    }
  }

  /** 5 s to connect, 10 s in all, a 1024-byte excerpt, 8 connections per host. */
  public static PostSettings defaults() {
    return new PostSettings(
        Duration.ofSeconds(5),
        DEFAULT_TIMEOUT,
        DEFAULT_EXCERPT_BYTES,
        DEFAULT_MAX_POOL_SIZE_PER_HOST,
        "Kiln/1");
  }
}
