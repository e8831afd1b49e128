package dev.kiln.bench.workloads;

import dev.kiln.bench.BenchContext;
import dev.kiln.bench.RunResult;
import dev.kiln.bench.client.JobTracker;
import dev.kiln.bench.report.Latencies;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * Tiny jobs at a fixed rate (an open loop: submits go out on schedule whatever Kiln answers), as
 * real clients behave. Latencies count from each job's scheduled time, so a stall in Kiln or in the
 * generator shows in them instead of silently lowering the rate (no coordinated omission). The rate
 * is held when every job completed and the last one within a second of the schedule's end: the
 * backlog never grew.
 */
public final class PacedWorkload extends TinyJobWorkload {

  private static final long HELD_SLACK_NANOS = TimeUnit.SECONDS.toNanos(1);
  private static final long START_DELAY_NANOS = TimeUnit.MILLISECONDS.toNanos(20);

  public PacedWorkload() {
    super(
        "paced",
        "tiny jobs at a fixed rate (default 500/s for 20 s): rate held? latency percentiles");
  }

  @Override
  public String describe(BenchContext context) {
    return ("tiny jobs at %d/s for %d s (open loop, latency from the scheduled time); ends seen"
            + " through %s")
        .formatted(rate(context), seconds(context), context.options().observe().description());
  }

  @Override
  public RunResult run(BenchContext context) throws Exception {
    int rate = rate(context);
    int total = rate * seconds(context);
    try (JobTracker tracker = context.tracker(context.options().pollInterval().toMillis())) {
      Latencies submitLatency = new Latencies();
      Latencies sendLag = new Latencies();
      CountDownLatch answered = new CountDownLatch(total);
      List<String> errors = new ArrayList<>();
      long start = System.nanoTime() + START_DELAY_NANOS;
      long lastSend = start;
      for (int i = 0; i < total; i++) {
        long scheduled = start + (long) (i * 1e9 / rate);
        long wait;
        while ((wait = scheduled - System.nanoTime()) > 0) {
          LockSupport.parkNanos(wait);
        }
        lastSend = System.nanoTime();
        sendLag.recordNanos(lastSend - scheduled);
        context
            .client()
            .execute(
                () ->
                    context
                        .client()
                        .submit(job().body())
                        .onComplete(
                            reply -> {
                              submitLatency.recordNanos(System.nanoTime() - scheduled);
                              if (reply.succeeded() && reply.result().status() == 202) {
                                tracker.add(reply.result().json().getString("id"), scheduled);
                              } else {
                                synchronized (errors) {
                                  errors.add(
                                      reply.failed()
                                          ? reply.cause().toString()
                                          : reply.result().describe());
                                }
                              }
                              answered.countDown();
                            }));
      }
      if (!answered.await(context.options().timeout().toSeconds(), TimeUnit.SECONDS)) {
        throw new IllegalStateException("submits not answered within the timeout");
      }
      Outcomes.awaitEnd(tracker, context.options().timeout());
      long completed = Outcomes.completed(tracker);
      long scheduleEnd = start + (long) ((total - 1) * 1e9 / rate);
      long lastSeen = JobFigures.lastSeenNanos(tracker, lastSend);
      boolean held = completed == total && lastSeen - scheduleEnd <= HELD_SLACK_NANOS;
      RunResult result = new RunResult("job").units(total);
      result
          .count("target jobs/s", rate)
          .count("jobs", total)
          .count("completed", completed)
          .figure("rate held (1 = yes)", held ? 1 : 0, "%.0f")
          .figure("submits sent/s", (total - 1) / ((lastSend - start) / 1e9), "%.0f")
          .figure(
              "completed/s (schedule start → last completed)",
              completed / ((lastSeen - start) / 1e9),
              "%.0f")
          .figure("last completed after schedule end (ms)", (lastSeen - scheduleEnd) / 1e6, "%.0f")
          .figure("generator send lag p99 (ms)", sendLag.percentileMillis(99), "%.1f")
          .figure("202 latency p50 (ms)", submitLatency.percentileMillis(50), "%.1f")
          .figure("202 latency p99 (ms)", submitLatency.percentileMillis(99), "%.1f");
      JobFigures.followed(result, tracker);
      synchronized (errors) {
        Outcomes.submitErrors(result, errors.size(), errors);
      }
      Outcomes.jobs(result, tracker, context.options().timeout());
      return result;
    }
  }

  private static int rate(BenchContext context) {
    return context.options().rate(500, 20);
  }

  private static int seconds(BenchContext context) {
    return context.options().seconds(20, 2);
  }
}
