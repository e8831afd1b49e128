package dev.kiln.bench.workloads;

import dev.kiln.bench.BenchContext;
import dev.kiln.bench.RunResult;
import dev.kiln.bench.client.JobTracker;
import java.time.Duration;

/**
 * Kiln's whole path as fast as it goes: N tiny jobs submitted by C concurrent clients (closed loop)
 * and followed to {@code completed}. Throughput is completed jobs from the first submit to the last
 * completion seen.
 */
public final class EndToEndWorkload extends TinyJobWorkload {

  private static final Duration SUBMIT_TIMEOUT = Duration.ofMinutes(10);

  public EndToEndWorkload() {
    super(
        "e2e", "N tiny jobs (64×64 PNG → 32×32) end to end: jobs/s and submit → completed latency");
  }

  @Override
  public String describe(BenchContext context) {
    return ("%d tiny jobs (64×64 PNG resized to 32×32), %d concurrent submitters; ends seen"
            + " through %s")
        .formatted(
            jobs(context),
            context.options().concurrency(32, 4),
            context.options().observe().description());
  }

  @Override
  public RunResult run(BenchContext context) throws Exception {
    int jobs = jobs(context);
    try (JobTracker tracker = context.tracker(context.options().pollInterval().toMillis())) {
      ClosedLoop.Result submits =
          ClosedLoop.run(
              context.client(),
              jobs,
              context.options().concurrency(32, 4),
              i -> job().body(),
              tracker::add,
              SUBMIT_TIMEOUT);
      Outcomes.awaitEnd(tracker, context.options().timeout());
      long completed = Outcomes.completed(tracker);
      double seconds =
          (JobFigures.lastSeenNanos(tracker, submits.lastNanos()) - submits.firstNanos()) / 1e9;
      RunResult result = new RunResult("job").units(jobs);
      result
          .count("jobs", jobs)
          .count("completed", completed)
          .figure("jobs/s (first submit → last completed)", completed / seconds, "%.0f")
          .figure("submits/s", submits.perSecond(), "%.0f")
          .figure("202 latency p50 (ms)", submits.latencies().percentileMillis(50), "%.1f")
          .figure("202 latency p99 (ms)", submits.latencies().percentileMillis(99), "%.1f");
      JobFigures.followed(result, tracker);
      Outcomes.submitErrors(result, submits);
      Outcomes.jobs(result, tracker, context.options().timeout());
      return result;
    }
  }

  private static int jobs(BenchContext context) {
    return context.options().jobs(10_000, 50);
  }
}
