package dev.kiln.api.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** Authentication of API keys. */
@ConfigMapping(prefix = "kiln.auth")
public interface AuthConfig {

  /**
   * How long an instance trusts a key it looked up without asking the database again. A revoked key
   * is dropped from every instance's cache at once by a database notification; this bounds the time
   * when a notification is lost.
   */
  @WithDefault("5s")
  Duration cacheTtl();

  /** How often the keys used since the last time get their {@code last_used_at} written. */
  @WithDefault("10s")
  Duration lastUsedInterval();
}
