package dev.kiln.worker.drain;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class DrainTest {

  private final Drain drain = new Drain(Duration.ofSeconds(75));

  @Test
  void waitsForTheRunningJobsAndAdmitsNoNewOne() throws Exception {
    assertThat(drain.admit()).isTrue();
    assertThat(drain.admit()).isTrue();

    CompletableFuture<Integer> left =
        CompletableFuture.supplyAsync(() -> drain.drain(Duration.ofSeconds(30)));
    Thread.sleep(200);
    assertThat(left).isNotDone();
    assertThat(drain.draining()).isTrue();
    assertThat(drain.admit()).as("a job arriving while draining").isFalse();

    drain.finished();
    Thread.sleep(100);
    assertThat(left).isNotDone();
    drain.finished();

    assertThat(left.get(5, TimeUnit.SECONDS)).isZero();
    assertThat(drain.running()).isZero();
  }

  @Test
  void givesUpAtTheTimeoutAndTellsHowManyStillRun() {
    assertThat(drain.admit()).isTrue();

    long started = System.nanoTime();
    int left = drain.drain(Duration.ofMillis(300));

    assertThat(left).isEqualTo(1);
    assertThat(Duration.ofNanos(System.nanoTime() - started)).isGreaterThan(Duration.ofMillis(250));
  }

  @Test
  void returnsAtOnceWhenNothingRuns() {
    assertThat(drain.drain(Duration.ofSeconds(30))).isZero();
    assertThat(drain.admit()).isFalse();
  }
}
