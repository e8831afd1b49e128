package dev.kiln.e2e.drills;

import com.fasterxml.jackson.databind.JsonNode;
import dev.kiln.e2e.KilnStack;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.stream.IntStream;

/**
 * {@code worker-kill}: every worker is killed with SIGKILL while jobs run, then started again. The
 * commands of the jobs they held were never committed in Kafka, so they are redelivered to the
 * restarted workers: every job completes, once, and is charged once.
 */
final class WorkerKillDrill implements FaultDrill {

  private static final Duration KILL_WINDOW = Duration.ofSeconds(120);

  @Override
  public String name() {
    return "worker-kill";
  }

  @Override
  public DrillSize shortSize() {
    return new DrillSize(12, 1);
  }

  @Override
  public DrillSize longSize() {
    return new DrillSize(200, 1);
  }

  @Override
  public DrillTally run(KilnStack stack, DrillSize size) throws Exception {
    DrillRun run = DrillRun.begin(stack, name(), DrillWork.Weight.HEAVY);
    List<String> accepted = run.submit(size.jobs());
    int running = awaitRunning(run, accepted, size.jobs() / 4);
    List<Integer> workers = IntStream.range(0, stack.workerInstances()).boxed().toList();
    workers.forEach(stack::killWorker);
    long killed = System.nanoTime();
    stack.startWorkers(workers);
    DrillTally tally = run.tally();
    tally.note(
        "the kill found %d job(s) processing; %d worker(s) ready again %.1f s after it"
            .formatted(running, workers.size(), (System.nanoTime() - killed) / 1e9));
    run.finish(accepted);
    if (tally.failedCount() > 0) {
      tally.problem("jobs failed: " + tally.failures());
    }
    if (tally.cutShortCount() == 0) {
      tally.problem("no run was cut short: the kill found no job running");
    }
    return tally;
  }

  /**
   * Waits until jobs are being processed and at least {@code completed} have completed (so the kill
   * falls in the middle of the work); answers how many are processing.
   */
  private static int awaitRunning(DrillRun run, List<String> ids, int completed)
      throws InterruptedException {
    long deadline = System.nanoTime() + KILL_WINDOW.toNanos();
    while (System.nanoTime() < deadline) {
      Collection<JsonNode> jobs = run.jobs(ids).values();
      int processing = count(jobs, "processing");
      if (processing > 0 && count(jobs, "completed") >= completed) {
        return processing;
      }
      Thread.sleep(20);
    }
    throw new IllegalStateException("no job was processing within " + KILL_WINDOW);
  }

  private static int count(Collection<JsonNode> jobs, String status) {
    return (int) jobs.stream().filter(job -> JobOutcomes.hasStatus(job, status)).count();
  }
}
