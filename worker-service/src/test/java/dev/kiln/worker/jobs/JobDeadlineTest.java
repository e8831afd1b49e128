package dev.kiln.worker.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kiln.worker.testing.MovableClock;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class JobDeadlineTest {

  private static final Instant START = Instant.parse("2026-01-01T00:00:00Z");
  private static final Duration TIMEOUT = Duration.ofSeconds(60);

  @Test
  void timeoutCountsFromTheStart() {
    assertThat(deadlineAt(null, 59).passed()).isFalse();
    JobDeadline late = deadlineAt(null, 61);
    assertThat(late.passed()).isTrue();
    assertThat(late.reason()).isEqualTo("the job ran longer than 60 s");
  }

  @Test
  void waitingForASlotPushesTheTimeoutBack() {
    JobDeadline deadline = deadlineAt(null, 61);

    deadline.exclude(Duration.ofSeconds(30));

    assertThat(deadline.passed()).isFalse();
    assertThat(deadline.remaining()).isEqualTo(Duration.ofSeconds(29));
  }

  @Test
  void theCommandsOwnDeadlineIsNeverPushedBack() {
    JobDeadline deadline = deadlineAt(START.plusSeconds(10), 11);

    deadline.exclude(Duration.ofSeconds(30));

    assertThat(deadline.passed()).isTrue();
    assertThat(deadline.reason()).isEqualTo("the job passed its deadline");
    assertThat(deadline.remainingRequested()).isEqualTo(Duration.ofSeconds(-1));
  }

  /** A deadline created at {@link #START}, read {@code secondsLater}. */
  private static JobDeadline deadlineAt(Instant requested, long secondsLater) {
    MovableClock clock = new MovableClock(START);
    JobDeadline deadline = new JobDeadline(requested, TIMEOUT, clock);
    clock.set(START.plusSeconds(secondsLater));
    return deadline;
  }
}
