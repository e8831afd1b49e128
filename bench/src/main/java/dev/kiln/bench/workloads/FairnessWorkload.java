package dev.kiln.bench.workloads;

import dev.kiln.bench.BenchContext;
import dev.kiln.bench.RunResult;
import dev.kiln.bench.Workload;
import dev.kiln.bench.client.KilnClient;
import dev.kiln.bench.client.KilnClient.Reply;
import dev.kiln.bench.client.OperatorCalls;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * {@code fairness}: the order of work under a burst. Tenant A submits N tiny jobs at {@code low}
 * priority as fast as Kiln accepts them; then tenant B submits single jobs one second apart and A
 * one {@code high} job, while the real workers run. Prints how long each waited for a worker, how
 * many of the burst's jobs started while a single job waited, and how much of A's backlog the high
 * job overtook (see docs/scheduling.md).
 */
public final class FairnessWorkload implements Workload {

  private static final int SINGLES = 5;
  private static final Duration SUBMIT_TIMEOUT = Duration.ofMinutes(10);

  private KilnClient bursty;
  private KilnClient quiet;
  private TinyJob burstJob;
  private TinyJob quietJob;

  @Override
  public String name() {
    return "fairness";
  }

  @Override
  public String summary() {
    return "a burst of N low-priority jobs of one tenant; single jobs of another tenant and one"
        + " high job during it: their waits (default 10000; smoke 500)";
  }

  @Override
  public String describe(BenchContext context) {
    return "tenant A: %d tiny low-priority jobs at once, then 1 high; tenant B: %d single jobs 1 s apart"
        .formatted(burstSize(context), SINGLES);
  }

  @Override
  public void prepare(BenchContext context) throws Exception {
    OperatorCalls operator = OperatorCalls.of(context.options().url(), context.options().dataDir());
    String stamp = Long.toString(System.currentTimeMillis(), 36);
    bursty =
        new KilnClient(context.options().url(), operator.newAccount("bench-burst-" + stamp), 64);
    quiet = new KilnClient(context.options().url(), operator.newAccount("bench-quiet-" + stamp), 4);
    burstJob = TinyJob.upload(bursty);
    quietJob = TinyJob.upload(quiet);
  }

  @Override
  public RunResult run(BenchContext context) throws Exception {
    int n = burstSize(context);
    RunResult result = new RunResult("jobs");
    ClosedLoop.Result burst =
        ClosedLoop.run(
            bursty,
            n,
            context.options().concurrency(32, 8),
            i -> burstJob.body("low"),
            null,
            SUBMIT_TIMEOUT);
    context.progress(
        "fairness: %d burst jobs accepted; single jobs follow", burst.accepted().size());
    String high = submit(bursty, burstJob.body("high"));
    List<String> singles = new ArrayList<>();
    for (int i = 0; i < SINGLES; i++) {
      singles.add(submit(quiet, quietJob.body()));
      Thread.sleep(1_000);
    }
    Duration timeout = context.options().timeout();
    Map<String, Timing> quietTimes = awaitEnded(quiet, singles, timeout);
    Map<String, Timing> highTime = awaitEnded(bursty, List.of(high), timeout);
    context.progress("fairness: waiting for the rest of the burst");
    Map<String, Timing> burstTimes = awaitEnded(bursty, burst.accepted(), timeout.multipliedBy(10));

    List<Double> burstWaits = waits(burstTimes.values());
    List<Double> singleWaits = waits(quietTimes.values());
    List<Double> startedWhileWaiting = new ArrayList<>();
    List<Double> runningAtSubmit = new ArrayList<>();
    for (Timing single : quietTimes.values()) {
      startedWhileWaiting.add(
          (double) startedBetween(burstTimes, single.created(), single.started()));
      runningAtSubmit.add((double) runningAt(burstTimes, single.created()));
    }
    Timing highJob = highTime.get(high);
    long backlogAtHigh =
        burstTimes.values().stream()
            .filter(t -> t.started() != null && t.started().isAfter(highJob.created()))
            .count();
    long overtaken =
        burstTimes.values().stream()
            .filter(t -> t.started() != null && t.started().isAfter(highJob.started()))
            .count();

    result
        .count("burst jobs (tenant A, low)", burst.accepted().size())
        .figure("burst submits/s", burst.perSecond(), "%.0f")
        .figure("burst: queue wait p50 (s)", median(burstWaits), "%.2f")
        .figure("burst: queue wait max (s)", max(burstWaits), "%.2f")
        .figure("single jobs (tenant B): queue wait p50 (s)", median(singleWaits), "%.2f")
        .figure("single jobs (tenant B): queue wait max (s)", max(singleWaits), "%.2f")
        .figure(
            "burst jobs running at a single job's submit, median", median(runningAtSubmit), "%.0f")
        .figure(
            "burst jobs started while a single job waited, median",
            median(startedWhileWaiting),
            "%.0f")
        .figure(
            "burst jobs started while a single job waited, max", max(startedWhileWaiting), "%.0f")
        .figure("high job (tenant A): queue wait (s)", wait(highJob), "%.2f")
        .count("burst jobs still waiting at the high job's submit", backlogAtHigh)
        .figure(
            "of those, started after the high job (%)",
            backlogAtHigh == 0 ? Double.NaN : 100.0 * overtaken / backlogAtHigh, "%.1f");
    result.units(burst.accepted().size() + SINGLES + 1);
    for (Map<String, Timing> times : List.of(quietTimes, highTime, burstTimes)) {
      times.forEach(
          (id, t) -> {
            if (!"completed".equals(t.status())) {
              result.problem("job " + id + " ended " + t.status());
            }
          });
    }
    Outcomes.submitErrors(result, burst);
    return result;
  }

  private static int burstSize(BenchContext context) {
    return context.options().jobs(10_000, 500);
  }

  /** A job's times as the API reports them. */
  private record Timing(String status, Instant created, Instant started, Instant completed) {}

  private static String submit(KilnClient client, io.vertx.core.buffer.Buffer body)
      throws Exception {
    Reply reply =
        client.submit(body).toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    if (reply.status() != 202) {
      throw new IllegalStateException("a submit answered " + reply.describe());
    }
    return reply.json().getString("id");
  }

  /** Polls the jobs (100 per request) until each has ended; answers their times. */
  private static Map<String, Timing> awaitEnded(
      KilnClient client, List<String> ids, Duration timeout) throws Exception {
    Map<String, Timing> ended = new HashMap<>();
    Instant deadline = Instant.now().plus(timeout);
    while (ended.size() < ids.size()) {
      if (Instant.now().isAfter(deadline)) {
        throw new IllegalStateException(
            (ids.size() - ended.size()) + " jobs did not end within " + timeout);
      }
      List<String> open = ids.stream().filter(id -> !ended.containsKey(id)).toList();
      for (int from = 0; from < open.size(); from += 100) {
        Reply reply =
            client
                .batch(open.subList(from, Math.min(open.size(), from + 100)))
                .toCompletionStage()
                .toCompletableFuture()
                .get(30, TimeUnit.SECONDS);
        for (Object item : reply.json().getJsonArray("data")) {
          JsonObject job = (JsonObject) item;
          String status = job.getString("status");
          if (!"queued".equals(status) && !"processing".equals(status)) {
            ended.put(
                job.getString("id"),
                new Timing(
                    status,
                    instant(job, "created_at"),
                    instant(job, "started_at"),
                    instant(job, "completed_at")));
          }
        }
      }
      if (ended.size() < ids.size()) {
        Thread.sleep(500);
      }
    }
    return ended;
  }

  private static Instant instant(JsonObject job, String field) {
    String value = job.getString(field);
    return value == null ? null : Instant.parse(value);
  }

  private static long startedBetween(Map<String, Timing> jobs, Instant from, Instant to) {
    return jobs.values().stream()
        .filter(t -> t.started() != null && t.started().isAfter(from) && t.started().isBefore(to))
        .count();
  }

  /** Burst jobs running at {@code at}: started before and completed after it. */
  private static long runningAt(Map<String, Timing> jobs, Instant at) {
    return jobs.values().stream()
        .filter(
            t ->
                t.started() != null
                    && t.started().isBefore(at)
                    && (t.completed() == null || t.completed().isAfter(at)))
        .count();
  }

  private static List<Double> waits(Iterable<Timing> times) {
    List<Double> waits = new ArrayList<>();
    times.forEach(t -> waits.add(wait(t)));
    waits.sort(Double::compare);
    return waits;
  }

  private static double wait(Timing t) {
    return t.started() == null
        ? Double.NaN
        : Duration.between(t.created(), t.started()).toMillis() / 1000.0;
  }

  private static double median(List<Double> values) {
    List<Double> sorted = values.stream().filter(v -> !v.isNaN()).sorted().toList();
    return sorted.isEmpty() ? Double.NaN : sorted.get(sorted.size() / 2);
  }

  private static double max(List<Double> values) {
    return values.stream()
        .filter(v -> !v.isNaN())
        .mapToDouble(Double::doubleValue)
        .max()
        .orElse(Double.NaN);
  }
}
