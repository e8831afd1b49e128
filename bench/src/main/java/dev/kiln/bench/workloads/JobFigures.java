package dev.kiln.bench.workloads;

import dev.kiln.bench.RunResult;
import dev.kiln.bench.client.EndedJob;
import dev.kiln.bench.client.JobTracker;
import dev.kiln.bench.report.Latencies;

/**
 * The figures of followed jobs: latencies as the client saw them and by Kiln's clocks, and how
 * their ends were seen.
 */
final class JobFigures {

  private JobFigures() {}

  /** Adds the latency figures of the completed jobs, then how their ends were seen. */
  static void followed(RunResult result, JobTracker tracker) {
    Latencies observed = new Latencies();
    Latencies server = new Latencies();
    for (EndedJob job : tracker.ended()) {
      if (job.completed()) {
        observed.recordNanos(job.observedNanos());
        if (job.serverNanos() >= 0) {
          server.recordNanos(job.serverNanos());
        }
      }
    }
    result
        .figure("submit → completed p50 (ms)", observed.percentileMillis(50), "%.1f")
        .figure("submit → completed p95 (ms)", observed.percentileMillis(95), "%.1f")
        .figure("submit → completed p99 (ms)", observed.percentileMillis(99), "%.1f")
        .figure("submit → completed max (ms)", observed.maxMillis(), "%.1f")
        .figure("created_at → completed_at p50 (ms)", server.percentileMillis(50), "%.1f")
        .figure("created_at → completed_at p99 (ms)", server.percentileMillis(99), "%.1f");
    switch (tracker.observe()) {
      case POLL -> result.count("status polls", tracker.polls());
      case SSE ->
          result
              .count("status polls (safety net)", tracker.polls())
              .count("jobs seen ended by a poll, not an event", tracker.endedByPoll())
              .count("event stream reconnects", tracker.reconnects());
    }
  }

  /** The last time a job was seen ended, or {@code fallback} when none was. */
  static long lastSeenNanos(JobTracker tracker, long fallback) {
    return tracker.ended().stream().mapToLong(EndedJob::seenNanos).max().orElse(fallback);
  }
}
