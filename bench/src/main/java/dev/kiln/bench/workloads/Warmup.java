package dev.kiln.bench.workloads;

import dev.kiln.bench.BenchContext;
import dev.kiln.bench.client.JobTracker;
import java.time.Duration;

/**
 * Unmeasured jobs before the runs: JIT compilation, connection pools and caches settle, so the
 * figures describe a warm Kiln. Waits for the jobs to end, so no backlog spills into the run.
 */
final class Warmup {

  private Warmup() {}

  static void tinyJobs(BenchContext context, TinyJob job, int jobs) throws Exception {
    if (jobs == 0) {
      return;
    }
    context.progress("warm-up: %d tiny jobs", jobs);
    try (JobTracker tracker = context.tracker(10)) {
      ClosedLoop.Result submits =
          ClosedLoop.run(
              context.client(), jobs, 16, i -> job.body(), tracker::add, Duration.ofMinutes(10));
      if (submits.errors() > 0) {
        throw new IllegalStateException(
            "warm-up submits were not accepted, e.g. " + submits.errorSamples());
      }
      if (!Outcomes.awaitEnd(tracker, context.options().timeout())) {
        throw new IllegalStateException(
            tracker.outstanding().size() + " warm-up jobs did not end: is the worker running?");
      }
    }
  }
}
