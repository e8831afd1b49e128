package dev.kiln.e2e.drills;

import dev.kiln.e2e.KilnStack;
import java.time.Duration;
import java.util.Map;

/**
 * {@code postgres-restart}: PostgreSQL is stopped for a while and started again, under a steady
 * load of submits, and the API is not restarted. A submit meanwhile is answered 202 (accepted, so
 * durable) or 503 {@code service_unavailable} (a clear "retry"), never a 500 or another refusal;
 * once PostgreSQL is back the API accepts submits again by itself, and every job it accepted
 * completes.
 */
final class PostgresRestartDrill implements FaultDrill {

  private static final String CLEAR_REFUSAL = "503 service_unavailable";
  private static final Duration RECOVERY_TIMEOUT = Duration.ofSeconds(60);
  private static final double SUBMITS_PER_SECOND = 5;

  @Override
  public String name() {
    return "postgres-restart";
  }

  @Override
  public DrillSize shortSize() {
    return new DrillSize(30, 4);
  }

  @Override
  public DrillSize longSize() {
    return new DrillSize(300, 30);
  }

  @Override
  public DrillTally run(KilnStack stack, DrillSize size) throws Exception {
    DrillRun run = DrillRun.begin(stack, name());
    DrillTally tally = run.tally();
    SteadyLoad load = run.load(SUBMITS_PER_SECOND).start();
    load.awaitAccepted(5, RECOVERY_TIMEOUT);

    stack.stopPostgres();
    int acceptedBefore = load.acceptedCount();
    Thread.sleep(Duration.ofSeconds(size.seconds()));
    long restarting = System.nanoTime();
    stack.startPostgres();
    int acceptedAtRestart = load.acceptedCount();
    load.awaitAccepted(acceptedAtRestart + 1, RECOVERY_TIMEOUT);
    tally.note(
        "PostgreSQL down %d s; %d submit(s) answered 202 while it was down; submits accepted again"
                .formatted(size.seconds(), acceptedAtRestart - acceptedBefore)
            + " %.1f s after its restart began".formatted((System.nanoTime() - restarting) / 1e9));
    load.awaitAccepted(size.jobs(), RECOVERY_TIMEOUT.plusSeconds(size.jobs() / 5));
    load.stop();

    Map<String, Integer> refused = load.refused();
    tally.refused(refused);
    run.finish(load.accepted());
    refused.keySet().stream()
        .filter(answer -> !answer.equals(CLEAR_REFUSAL))
        .forEach(answer -> tally.problem("a submit was answered " + answer));
    if (tally.failedCount() > 0) {
      tally.problem("jobs failed: " + tally.failures());
    }
    return tally;
  }
}
