package dev.kiln.worker.control;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kiln.worker.testing.MovableClock;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class CancelRegistryTest {

  private final MovableClock clock = new MovableClock(Instant.parse("2026-01-01T00:00:00Z"));

  @Test
  void remembersCancelledJobs() {
    CancelRegistry registry = new CancelRegistry(Duration.ofMinutes(5), 10, clock);
    registry.cancel("job_a");

    assertThat(registry.isCancelled("job_a")).isTrue();
    assertThat(registry.isCancelled("job_b")).isFalse();
  }

  @Test
  void forgetsAfterTheTtl() {
    CancelRegistry registry = new CancelRegistry(Duration.ofMinutes(5), 10, clock);
    registry.cancel("job_a");

    clock.advance(Duration.ofMinutes(6));

    assertThat(registry.isCancelled("job_a")).isFalse();
    assertThat(registry.size()).isZero();
  }

  @Test
  void keepsOnlyTheNewestWhenFull() {
    CancelRegistry registry = new CancelRegistry(Duration.ofHours(1), 3, clock);
    for (String job : new String[] {"job_1", "job_2", "job_3", "job_4"}) {
      registry.cancel(job);
      clock.advance(Duration.ofSeconds(1));
    }

    assertThat(registry.size()).isEqualTo(3);
    assertThat(registry.isCancelled("job_1")).isFalse();
    assertThat(registry.isCancelled("job_4")).isTrue();
  }
}
