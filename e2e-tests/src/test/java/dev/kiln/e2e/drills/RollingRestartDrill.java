package dev.kiln.e2e.drills;

import dev.kiln.e2e.KilnStack;
import java.time.Duration;

/**
 * {@code rolling-restart}: the workers are restarted one after the other as an orchestrator rolls a
 * deployment (SIGTERM, wait until it has exited, start it, wait until it is ready, next one) while
 * jobs keep being submitted. No job is lost, completed twice or charged twice. Jobs a stopping
 * worker held are redelivered to the others (at least once); a worker that drains its jobs before
 * it exits leaves none to redeliver, which the redelivered count shows.
 */
final class RollingRestartDrill implements FaultDrill {

  private static final Duration SUBMIT_TIMEOUT = Duration.ofSeconds(60);

  @Override
  public String name() {
    return "rolling-restart";
  }

  @Override
  public DrillSize shortSize() {
    return new DrillSize(20, 10);
  }

  @Override
  public DrillSize longSize() {
    return new DrillSize(400, 60);
  }

  @Override
  public int workers() {
    return 2;
  }

  @Override
  public DrillTally run(KilnStack stack, DrillSize size) throws Exception {
    if (stack.workerInstances() < 2) {
      throw new IllegalStateException("a rolling restart needs at least two workers");
    }
    DrillRun run = DrillRun.begin(stack, name());
    SteadyLoad load = run.load((double) size.jobs() / size.seconds()).start();
    long started = System.nanoTime();
    load.awaitAccepted(Math.max(1, size.jobs() / 10), SUBMIT_TIMEOUT);
    for (int worker = 0; worker < stack.workerInstances(); worker++) {
      long stopping = System.nanoTime();
      stack.stopWorker(worker);
      double stopped = (System.nanoTime() - stopping) / 1e9;
      stack.startWorker(worker);
      run.tally()
          .note(
              "worker %d stopped in %.1f s, ready again %.1f s after the SIGTERM"
                  .formatted(worker, stopped, (System.nanoTime() - stopping) / 1e9));
    }
    load.awaitAccepted(size.jobs(), SUBMIT_TIMEOUT.plusSeconds(size.seconds()));
    load.stop();
    run.tally()
        .note(
            "load: %d submits in %.1f s"
                .formatted(load.started(), (System.nanoTime() - started) / 1e9));
    run.tally().refused(load.refused());
    DrillTally tally = run.finish(load.accepted());
    if (tally.failedCount() > 0) {
      tally.problem("jobs failed: " + tally.failures());
    }
    if (tally.cutShortCount() > 0) {
      tally.problem(
          tally.cutShortCount() + " job(s) cut short: a stopping worker did not finish its jobs");
    }
    if (!tally.refused().isEmpty()) {
      tally.problem("submits refused: " + tally.refused());
    }
    return tally;
  }
}
