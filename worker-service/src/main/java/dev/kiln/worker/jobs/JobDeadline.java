package dev.kiln.worker.jobs;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * When a job attempt must be done: the earlier of the command's own deadline and {@code
 * kiln.worker.job-timeout} of work. Time spent waiting for a pipeline slot is not work: it pushes
 * the timeout back (never the command's deadline). Used by the one thread running the attempt.
 */
final class JobDeadline {

  private final Instant requested;
  private final Duration jobTimeout;
  private final Clock clock;
  private Instant timeoutAt;

  /**
   * @param requested the command's deadline, or null
   */
  JobDeadline(Instant requested, Duration jobTimeout, Clock clock) {
    this.requested = requested;
    this.jobTimeout = jobTimeout;
    this.clock = clock;
    this.timeoutAt = clock.instant().plus(jobTimeout);
  }

  /** The time left, zero or negative once passed. */
  Duration remaining() {
    return Duration.between(clock.instant(), at());
  }

  /** The time left before the command's own deadline, or null when it has none. */
  Duration remainingRequested() {
    return requested == null ? null : Duration.between(clock.instant(), requested);
  }

  boolean passed() {
    return clock.instant().isAfter(at());
  }

  /** Pushes the timeout back by time that was not spent working on the job. */
  void exclude(Duration waited) {
    timeoutAt = timeoutAt.plus(waited);
  }

  /** Why the job stops, once {@link #passed()}. */
  String reason() {
    return requested != null && requested.isBefore(timeoutAt)
        ? "the job passed its deadline"
        : "the job ran longer than " + jobTimeout.toSeconds() + " s";
  }

  private Instant at() {
    return requested != null && requested.isBefore(timeoutAt) ? requested : timeoutAt;
  }
}
