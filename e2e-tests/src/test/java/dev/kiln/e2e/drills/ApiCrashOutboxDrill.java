package dev.kiln.e2e.drills;

import dev.kiln.e2e.KilnStack;
import java.time.Duration;
import java.util.List;

/**
 * {@code api-crash-outbox}: the API is killed (SIGKILL) between the commit of job commands and
 * their publication. Kafka is stopped first, so that jobs are accepted (202) and their commands
 * wait in the outbox; the API is killed while they wait; Kafka and the API are started again. The
 * restarted API's relay publishes the commands and every job completes once.
 */
final class ApiCrashOutboxDrill implements FaultDrill {

  private static final Duration OUTBOX_WAIT = Duration.ofSeconds(30);

  @Override
  public String name() {
    return "api-crash-outbox";
  }

  @Override
  public DrillSize shortSize() {
    return new DrillSize(10, 1);
  }

  @Override
  public DrillSize longSize() {
    return new DrillSize(200, 1);
  }

  @Override
  public DrillTally run(KilnStack stack, DrillSize size) throws Exception {
    DrillRun run = DrillRun.begin(stack, name());
    DrillTally tally = run.tally();
    stack.stopKafka();
    List<String> accepted = run.submit(size.jobs());
    int waiting = awaitOutbox(stack, accepted);
    stack.killApi(0);
    long killed = System.nanoTime();
    stack.startKafka();
    stack.startApi(0);
    tally.note(
        "%d of %d accepted job(s) had their command in the outbox at the kill; API ready %.1f s after it"
            .formatted(waiting, accepted.size(), (System.nanoTime() - killed) / 1e9));
    run.finish(accepted);
    if (waiting == 0) {
      tally.problem("no command was in the outbox at the kill");
    }
    if (accepted.size() < size.jobs()) {
      tally.problem("submits with Kafka down were refused: " + tally.refused());
    }
    if (tally.failedCount() > 0) {
      tally.problem("jobs failed: " + tally.failures());
    }
    return tally;
  }

  /**
   * Waits until the dispatcher has written the commands of the first jobs to the outbox (the rest
   * wait in their lane: the window of jobs handed to the workers is small); answers how many are
   * there.
   */
  private static int awaitOutbox(KilnStack stack, List<String> jobIds) throws Exception {
    long deadline = System.nanoTime() + OUTBOX_WAIT.toNanos();
    int rows = OutboxRows.commandsOf(stack, jobIds);
    while (rows == 0 && System.nanoTime() < deadline) {
      Thread.sleep(100);
      rows = OutboxRows.commandsOf(stack, jobIds);
    }
    return rows;
  }
}
