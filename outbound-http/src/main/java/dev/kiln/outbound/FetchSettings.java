package dev.kiln.outbound;

import java.time.Duration;

/**
 * Limits of every request an {@link OutboundFetcher} makes.
 *
 * @param connectTimeout the longest a TCP (and TLS) connection may take to open
 * @param timeout the longest a whole fetch may take, redirects and body included, unless the caller
 *     asks for less
 * @param maxRedirects redirects followed before giving up (each one checked like the first URL)
 * @param userAgent the {@code User-Agent} header sent
 */
public record FetchSettings(
    Duration connectTimeout, Duration timeout, int maxRedirects, String userAgent) {

  public static final int DEFAULT_MAX_REDIRECTS = 5;

  public FetchSettings {
    GuardedClient.requirePositive(connectTimeout, "connect timeout");
    GuardedClient.requirePositive(timeout, "timeout");
    if (maxRedirects < 0) {
      throw new IllegalArgumentException("max redirects must not be negative");
    }
  }

  /** 5 s to connect, 30 s in all, 5 redirects. */
  public static FetchSettings defaults() {
    return new FetchSettings(
        Duration.ofSeconds(5), Duration.ofSeconds(30), DEFAULT_MAX_REDIRECTS, "Kiln/1");
  }
}
