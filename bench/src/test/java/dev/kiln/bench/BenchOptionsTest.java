package dev.kiln.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kiln.bench.client.Observe;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class BenchOptionsTest {

  @Test
  void sizesComeFromTheWorkloadUnlessGiven() {
    BenchOptions defaults = BenchOptions.parse("e2e");
    assertThat(defaults.jobs(10_000, 50)).isEqualTo(10_000);
    assertThat(defaults.rate(500, 20)).isEqualTo(500);

    BenchOptions smoke = BenchOptions.parse("e2e", "--smoke");
    assertThat(smoke.jobs(10_000, 50)).isEqualTo(50);
    assertThat(smoke.seconds(20, 2)).isEqualTo(2);

    BenchOptions given = BenchOptions.parse("e2e", "--smoke", "-n", "300", "--rate", "100");
    assertThat(given.jobs(10_000, 50)).isEqualTo(300);
    assertThat(given.rate(500, 20)).isEqualTo(100);
  }

  @Test
  void aDataDirectoryGivenAfterTheScriptsOwnWins() {
    assertThat(
            BenchOptions.parse("--data-dir", ".kiln", "e2e", "--data-dir", "/srv/kiln").dataDir())
        .isEqualTo(Path.of("/srv/kiln"));
  }

  @Test
  void allExpandsToEveryWorkloadInOrder() {
    assertThat(BenchOptions.parse("all").workloads())
        .containsExactly("submit", "e2e", "paced", "images", "webhooks", "fairness", "streams");
  }

  @Test
  void webhookSizesComeFromTheirOwnOptions() {
    BenchOptions defaults = BenchOptions.parse("webhooks");
    assertThat(defaults.endpoints(10, 10)).isEqualTo(10);
    assertThat(defaults.deliveryRate(100, 30)).isEqualTo(100);
    assertThat(BenchOptions.parse("webhooks", "--smoke").deliveryRate(100, 30)).isEqualTo(30);

    BenchOptions given =
        BenchOptions.parse("webhooks", "--endpoints", "3", "--delivery-rate", "60", "--rate", "7");
    assertThat(given.endpoints(10, 10)).isEqualTo(3);
    assertThat(given.deliveryRate(100, 30)).isEqualTo(60);
    assertThat(given.rate(500, 20)).isEqualTo(7);
    assertThatThrownBy(() -> BenchOptions.parse("webhooks", "--endpoints", "0"))
        .hasMessageContaining("positive");
  }

  @Test
  void streamSizesComeFromTheirOwnOptions() {
    BenchOptions defaults = BenchOptions.parse("streams");
    assertThat(defaults.subscribers(1, 1)).isEqualTo(1);
    assertThat(defaults.streams(10_000, 200)).isEqualTo(10_000);
    assertThat(defaults.openRate()).isEqualTo(1000);
    assertThat(defaults.busyFanOut()).isFalse();
    assertThat(BenchOptions.parse("streams", "--smoke").streams(10_000, 200)).isEqualTo(200);

    BenchOptions given =
        BenchOptions.parse(
            "streams",
            "--subscribers",
            "3",
            "--streams",
            "0",
            "--open-rate",
            "500",
            "--fan-out",
            "busy");
    assertThat(given.subscribers(1, 1)).isEqualTo(3);
    assertThat(given.streams(10_000, 200)).isZero();
    assertThat(given.openRate()).isEqualTo(500);
    assertThat(given.busyFanOut()).isTrue();
    assertThatThrownBy(() -> BenchOptions.parse("streams", "--fan-out", "loud"))
        .hasMessageContaining("idle or busy");
    assertThatThrownBy(() -> BenchOptions.parse("streams", "--subscribers", "0"))
        .hasMessageContaining("positive");
  }

  @Test
  void jobEndsAreSeenThroughEventsUnlessPollingIsAskedFor() {
    assertThat(BenchOptions.parse("e2e").observe()).isEqualTo(Observe.SSE);
    assertThat(BenchOptions.parse("e2e", "--observe", "poll").observe()).isEqualTo(Observe.POLL);
    assertThat(BenchOptions.parse("e2e", "--observe", "sse").observe()).isEqualTo(Observe.SSE);
    assertThatThrownBy(() -> BenchOptions.parse("e2e", "--observe", "webhooks"))
        .hasMessageContaining("sse or poll");
  }

  @Test
  void processesCanBeNamed() {
    assertThat(BenchOptions.parse("submit", "--pid", "api=42").pids()).containsEntry("api", 42L);
  }

  @Test
  void mistakesAreExplained() {
    assertThatThrownBy(() -> BenchOptions.parse("nope")).hasMessageContaining("Unknown workload");
    assertThatThrownBy(() -> BenchOptions.parse("e2e", "-n", "0")).hasMessageContaining("positive");
    assertThatThrownBy(() -> BenchOptions.parse("e2e", "--rate"))
        .hasMessageContaining("needs a value");
    assertThatThrownBy(() -> BenchOptions.parse("--smoke")).hasMessageContaining("workload");
  }

  @Test
  void badCommandLineExitsWithTwo() {
    assertThat(Bench.run(new String[] {"e2e", "--bogus"})).isEqualTo(Bench.USAGE);
  }
}
