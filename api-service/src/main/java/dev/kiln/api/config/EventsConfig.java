package dev.kiln.api.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** The event record: every change of every job, for webhooks and streams. */
@ConfigMapping(prefix = "kiln.events")
public interface EventsConfig {

  /** How long events, and finished webhook deliveries, are kept. */
  @WithDefault("7d")
  Duration retention();

  /** How often older ones are deleted. */
  @WithDefault("1h")
  Duration cleanupInterval();
}
