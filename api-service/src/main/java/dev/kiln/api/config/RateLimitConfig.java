package dev.kiln.api.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * The default rate limit of every API key, for tenants without limits of their own. Buckets live in
 * each instance's memory: with N instances behind a balancer, a key gets up to N times this.
 */
@ConfigMapping(prefix = "kiln.rate-limit")
public interface RateLimitConfig {

  /** Requests per second a key may make on average (0: unlimited). */
  @WithDefault("50")
  int perSecond();

  /** Requests a key may make at once after a quiet period (the bucket's capacity). */
  @WithDefault("100")
  int burst();
}
