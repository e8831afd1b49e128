package dev.kiln.api.lanes;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/**
 * How queued jobs leave their lanes for the workers (see {@code docs/scheduling.md}). The
 * dispatcher keeps a small window of jobs handed to the workers but not yet started: enough that a
 * worker finishing a job finds the next one at once, few enough that a job queued later with a
 * higher priority, or by another tenant, overtakes the backlog.
 */
@ConfigMapping(prefix = "kiln.lanes")
public interface LanesConfig {

  /** The window never shrinks below this many jobs (also the first batch on an idle fleet). */
  @WithDefault("8")
  int minAhead();

  /** The window per job running: 1.0 keeps one job waiting at the workers for each running one. */
  @WithDefault("1.0")
  double aheadPerRunning();

  /** How often the dispatcher looks for work besides being woken (covers other replicas). */
  @WithDefault("1s")
  Duration pollInterval();

  /** How old the queue snapshot behind positions, estimates and queue limits may get. */
  @WithDefault("1s")
  Duration snapshotMaxAge();
}
