package dev.kiln.infra.run;

import java.time.Duration;

/**
 * How long to wait before restarting a crashed service: {@code initial}, doubling at each crash in
 * a row up to {@code max}; a run that lasted {@code stable} or longer starts the count again.
 */
record RestartBackoff(Duration initial, Duration max, Duration stable) {

  static final RestartBackoff DEFAULT =
      new RestartBackoff(Duration.ofSeconds(1), Duration.ofSeconds(30), Duration.ofMinutes(1));

  /**
   * @param crashesInARow crashes before this one that each followed a short run (0 for the first)
   * @return the delay before the next start
   */
  Duration delay(int crashesInARow) {
    Duration delay = initial;
    for (int i = 0; i < crashesInARow && delay.compareTo(max) < 0; i++) {
      delay = delay.multipliedBy(2);
    }
    return delay.compareTo(max) > 0 ? max : delay;
  }

  /** Whether a run of {@code length} counts as stable (the next crash is a first one again). */
  boolean wasStable(Duration length) {
    return length.compareTo(stable) >= 0;
  }
}
