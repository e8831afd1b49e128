package dev.kiln.infra.run;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class RestartBackoffTest {

  private final RestartBackoff backoff = RestartBackoff.DEFAULT;

  @Test
  void doublesFromOneSecondUpToThirtySeconds() {
    assertThat(backoff.delay(0)).isEqualTo(Duration.ofSeconds(1));
    assertThat(backoff.delay(1)).isEqualTo(Duration.ofSeconds(2));
    assertThat(backoff.delay(4)).isEqualTo(Duration.ofSeconds(16));
    assertThat(backoff.delay(5)).isEqualTo(Duration.ofSeconds(30));
    assertThat(backoff.delay(1000)).isEqualTo(Duration.ofSeconds(30));
  }

  @Test
  void aRunOfAMinuteOrMoreCountsAsStable() {
    assertThat(backoff.wasStable(Duration.ofSeconds(59))).isFalse();
    assertThat(backoff.wasStable(Duration.ofMinutes(1))).isTrue();
  }
}
