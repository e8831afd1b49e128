package dev.kiln.worker.jobs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class PipelineSlotsTest {

  @Test
  void noMorePipelinesThanSlotsRunAtOnce() {
    PipelineSlots slots = new PipelineSlots(2);

    assertThat(slots.acquire(Duration.ZERO)).isTrue();
    assertThat(slots.acquire(Duration.ZERO)).isTrue();
    assertThat(slots.acquire(Duration.ofMillis(20))).isFalse();

    slots.release();
    assertThat(slots.acquire(null)).isTrue();
    assertThat(slots.available()).isZero();
  }

  @Test
  void atLeastOneSlot() {
    assertThatThrownBy(() -> new PipelineSlots(0)).isInstanceOf(IllegalArgumentException.class);
  }
}
