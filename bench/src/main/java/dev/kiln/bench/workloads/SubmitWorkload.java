package dev.kiln.bench.workloads;

import dev.kiln.bench.BenchContext;
import dev.kiln.bench.RunResult;
import dev.kiln.bench.client.JobTracker;
import dev.kiln.bench.client.Observe;
import java.time.Duration;
import java.util.List;

/**
 * How fast the API accepts jobs: N submits from C concurrent clients, each waiting for its 202
 * before the next. The jobs are followed to their end after the measured part (a job lost there
 * still fails the run).
 */
public final class SubmitWorkload extends TinyJobWorkload {

  private static final Duration SUBMIT_TIMEOUT = Duration.ofMinutes(10);

  private List<String> submitted = List.of();

  public SubmitWorkload() {
    super("submit", "N submits from C concurrent clients: submits/s and 202 latency");
  }

  @Override
  public String describe(BenchContext context) {
    return "%d submits of a tiny job, %d concurrent clients"
        .formatted(jobs(context), concurrency(context));
  }

  @Override
  public RunResult run(BenchContext context) throws Exception {
    int jobs = jobs(context);
    ClosedLoop.Result submits =
        ClosedLoop.run(
            context.client(), jobs, concurrency(context), i -> job().body(), null, SUBMIT_TIMEOUT);
    submitted = submits.accepted();
    RunResult result = new RunResult("submit").units(jobs);
    result
        .count("submits", jobs)
        .count("accepted (202)", submits.accepted().size())
        .count("errors", submits.errors())
        .figure("submits/s", submits.perSecond(), "%.0f")
        .figure("202 latency p50 (ms)", submits.latencies().percentileMillis(50), "%.1f")
        .figure("202 latency p95 (ms)", submits.latencies().percentileMillis(95), "%.1f")
        .figure("202 latency p99 (ms)", submits.latencies().percentileMillis(99), "%.1f")
        .figure("202 latency max (ms)", submits.latencies().maxMillis(), "%.1f");
    Outcomes.submitErrors(result, submits);
    return result;
  }

  @Override
  public void settle(BenchContext context, RunResult result) throws Exception {
    // Polls whatever --observe says: the jobs were submitted with no stream open to see them end.
    JobTracker tracker = JobTracker.open(context.client(), Observe.POLL, 20);
    long now = System.nanoTime();
    submitted.forEach(id -> tracker.add(id, now));
    context.progress("submit: waiting for the %d jobs to end (not measured)", submitted.size());
    Outcomes.awaitEnd(tracker, context.options().timeout());
    Outcomes.jobs(result, tracker, context.options().timeout());
  }

  private static int jobs(BenchContext context) {
    return context.options().jobs(5000, 50);
  }

  private static int concurrency(BenchContext context) {
    return context.options().concurrency(32, 4);
  }
}
