package dev.kiln.infra.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SupervisedServiceTest {

  private static final RestartBackoff FAST =
      new RestartBackoff(Duration.ofMillis(200), Duration.ofSeconds(1), Duration.ofMinutes(1));

  @TempDir Path dir;

  @Test
  void startsAServiceKilledWithSigkillAgainAndStopsForGood() throws Exception {
    Path starts = dir.resolve("starts");
    SupervisedService service =
        new SupervisedService("fake", () -> sleeper(starts), FAST, Duration.ofSeconds(5));
    ServiceProcess first = service.start();
    await().atMost(Duration.ofSeconds(10)).until(() -> startCount(starts) == 1);

    first.kill();

    await().atMost(Duration.ofSeconds(10)).until(() -> startCount(starts) == 2);
    assertThat(service.restarts()).isEqualTo(1);
    ServiceProcess second = service.current();
    assertThat(second).isNotSameAs(first);
    assertThat(second.isAlive()).isTrue();

    service.stop();

    assertThat(second.isAlive()).isFalse();
    Thread.sleep(FAST.max().toMillis() + 300);
    assertThat(startCount(starts)).isEqualTo(2);
    assertThat(service.restarts()).isEqualTo(1);
  }

  @Test
  void aServiceThatExitsAfterCtrlCIsNotStartedAgain() throws Exception {
    Path starts = dir.resolve("starts");
    SupervisedService service =
        new SupervisedService("fake", () -> sleeper(starts), FAST, Duration.ofSeconds(5));
    ServiceProcess first = service.start();
    await().atMost(Duration.ofSeconds(10)).until(() -> startCount(starts) == 1);

    service.stopRestarting(); // Ctrl-C: the terminal's signal reaches the service as well
    first.kill();

    Thread.sleep(FAST.max().toMillis() + 300);
    assertThat(startCount(starts)).isEqualTo(1);
    assertThat(service.restarts()).isZero();
    service.stop();
  }

  @Test
  void waitsLongerAfterEachCrashInARow() throws Exception {
    Path starts = dir.resolve("starts");
    SupervisedService service =
        new SupervisedService(
            "crasher",
            () ->
                ServiceProcess.startCommand(
                    "crasher", List.of("sh", "-c", "date +%s%N >> " + starts + "; exit 3"), dir),
            FAST,
            Duration.ofSeconds(5));
    service.start();

    await().atMost(Duration.ofSeconds(15)).until(() -> startCount(starts) >= 4);
    service.stop();

    List<Long> times = Files.readAllLines(starts).stream().map(Long::parseLong).toList();
    long firstGap = times.get(1) - times.get(0);
    long thirdGap = times.get(3) - times.get(2);
    // 200 ms, 400 ms, 800 ms: the third wait is at least twice the first
    assertThat(thirdGap).isGreaterThanOrEqualTo(2 * Duration.ofMillis(200).toNanos());
    assertThat(thirdGap).isGreaterThan(firstGap);
  }

  private ServiceProcess sleeper(Path starts) throws java.io.IOException {
    return ServiceProcess.startCommand(
        "fake", List.of("sh", "-c", "echo started >> " + starts + "; exec sleep 60"), dir);
  }

  private static long startCount(Path starts) throws java.io.IOException {
    return Files.exists(starts) ? Files.readAllLines(starts).size() : 0;
  }
}
