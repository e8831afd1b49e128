package dev.kiln.api.limits;

import dev.kiln.api.config.RateLimitConfig;

/**
 * The rate limit of one API key: a token bucket of {@code burst} requests refilled at {@code
 * perSecond} requests per second; {@code perSecond == 0} is no limit.
 */
public record RateLimitPolicy(int perSecond, int burst) {

  /**
   * The limit of a tenant's keys: its own values where set, the configured default elsewhere. A
   * tenant that sets its rate but not its burst gets a burst of twice its rate.
   */
  public static RateLimitPolicy of(Integer perSecond, Integer burst, RateLimitConfig defaults) {
    int rate = perSecond == null ? defaults.perSecond() : perSecond;
    if (rate == 0) {
      return new RateLimitPolicy(0, 0);
    }
    if (burst != null) {
      return new RateLimitPolicy(rate, burst);
    }
    return new RateLimitPolicy(rate, perSecond == null ? defaults.burst() : 2 * rate);
  }

  public boolean unlimited() {
    return perSecond == 0;
  }

  /** The window in which {@code burst} requests are the average rate, in whole seconds. */
  int windowSeconds() {
    return Math.max(1, (burst + perSecond - 1) / perSecond);
  }

  /** The {@code RateLimit-Policy} header value, e.g. {@code 100;w=2} (100 requests per 2 s). */
  String header() {
    return burst + ";w=" + windowSeconds();
  }
}
