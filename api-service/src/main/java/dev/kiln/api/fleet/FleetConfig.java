package dev.kiln.api.fleet;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** How the API watches the consumers on Kafka ({@link FleetProbe}). */
@ConfigMapping(prefix = "kiln.fleet")
public interface FleetConfig {

  /** How often the consumer groups and their lag are read from Kafka. */
  @WithDefault("10s")
  Duration checkInterval();

  /** How long one check may wait for Kafka before the status turns {@code unknown}. */
  @WithDefault("5s")
  Duration timeout();
}
