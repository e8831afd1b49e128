package dev.kiln.bench.workloads;

import dev.kiln.bench.BenchContext;
import dev.kiln.bench.RunResult;
import dev.kiln.bench.client.KilnClient;
import dev.kiln.bench.client.sse.StreamGroup;
import dev.kiln.bench.client.sse.StreamLedger;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * The latency part of {@code streams}: one tenant stream ({@code GET /v1/events}) opened before the
 * first submit, then N tiny jobs submitted at once, each followed by M job streams ({@code GET
 * /v1/jobs/{id}/events}) opened the moment its 202 arrives. Every stream must carry each job's
 * queued, processing and completed events once and in order; the latency is from the worker's time
 * in the job object to the receipt (see {@link StreamLedger}).
 */
final class StreamLatency {

  /** The events every tiny job gives each of its streams ({@code job.progress} may add). */
  static final List<String> REQUIRED = List.of("job.queued", "job.processing", "job.completed");

  static final String TENANT = "tenant";
  private static final long OPEN_TIMEOUT_SECONDS = 10;
  private static final Duration SUBMIT_TIMEOUT = Duration.ofMinutes(10);

  private StreamLatency() {}

  /**
   * One run of the part, its streams on {@code streams}; its figures and problems go to {@code
   * result}, each label after {@code part}.
   *
   * @return the jobs accepted
   */
  static List<String> run(
      BenchContext context,
      KilnClient streams,
      TinyJob job,
      int jobs,
      int subscribers,
      String part,
      RunResult result)
      throws Exception {
    Duration stall = context.options().timeout();
    StreamLedger ledger = new StreamLedger(REQUIRED);
    List<CompletableFuture<Void>> jobStreams = new ArrayList<>();
    try (StreamGroup group = new StreamGroup(streams, ledger)) {
      ledger.expectEveryJob(TENANT);
      group.open(TENANT, "/v1/events").get(OPEN_TIMEOUT_SECONDS, TimeUnit.SECONDS);
      ClosedLoop.Result submits =
          ClosedLoop.run(
              context.client(),
              jobs,
              context.options().concurrency(jobs, jobs),
              i -> job.body(),
              (id, startNanos) -> {
                for (int k = 1; k <= subscribers; k++) {
                  String subscriber = id + "#" + k;
                  ledger.expectJob(subscriber, id);
                  CompletableFuture<Void> opening =
                      group.open(subscriber, "/v1/jobs/" + id + "/events");
                  synchronized (jobStreams) {
                    jobStreams.add(opening);
                  }
                }
              },
              SUBMIT_TIMEOUT);
      StreamChecks.awaitEnds(ledger, submits.accepted(), submits.lastNanos(), stall);

      result
          .count(part + "jobs", submits.accepted().size())
          .count(part + "streams (M per job + 1 tenant stream)", jobStreams.size() + 1L);
      StreamChecks.latencies(result, part, "job.completed", ledger.latencies("job.completed"));
      StreamChecks.latencies(result, part, "job.processing", ledger.latencies("job.processing"));
      result
          .count(part + "timed events replayed (before their stream opened)", ledger.replayed())
          .count(part + "job streams ended by Kiln after the job's end", group.ended())
          .count(part + "reconnections", group.reconnects());
      StreamChecks.add(result, part, ledger, submits.accepted(), stall);
      refused(result, part, jobStreams);
      Outcomes.submitErrors(result, submits);
      return submits.accepted();
    }
  }

  /** Job streams that Kiln refused (a 4xx answer) as a problem. */
  private static void refused(
      RunResult result, String part, List<CompletableFuture<Void>> jobStreams) {
    synchronized (jobStreams) {
      List<String> reasons = new ArrayList<>();
      for (CompletableFuture<Void> opening : jobStreams) {
        if (opening.isCompletedExceptionally()) {
          opening.exceptionally(
              failure -> {
                reasons.add(failure.getMessage());
                return null;
              });
        }
      }
      if (!reasons.isEmpty()) {
        result.problem(
            "%s%d job streams refused, e.g. %s"
                .formatted(
                    part,
                    reasons.size(),
                    reasons.subList(0, Math.min(Outcomes.ERROR_SAMPLES, reasons.size()))));
      }
    }
  }
}
