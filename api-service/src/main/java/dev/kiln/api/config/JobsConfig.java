package dev.kiln.api.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** Job lifecycle settings. */
@ConfigMapping(prefix = "kiln.jobs")
public interface JobsConfig {

  /** A processing job with no event for this long is re-published as a new attempt. */
  @WithDefault("2m")
  Duration stallTimeout();

  /** How often stalled jobs are looked for. */
  @WithDefault("15s")
  Duration stallCheckInterval();

  /** Attempts before a stalled job fails with {@code stalled}. */
  @WithDefault("3")
  int maxAttempts();

  /** The longest {@code deadline_seconds} a client may ask for. */
  @WithDefault("86400")
  int maxDeadlineSeconds();

  /** How long an {@code Idempotency-Key} names its request; a retry after that is a new job. */
  @WithDefault("24h")
  Duration idempotencyKeyTtl();
}
