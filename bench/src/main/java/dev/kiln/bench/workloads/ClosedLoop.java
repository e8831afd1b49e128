package dev.kiln.bench.workloads;

import dev.kiln.bench.client.KilnClient;
import dev.kiln.bench.report.Latencies;
import io.vertx.core.buffer.Buffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.IntFunction;
import java.util.function.ObjLongConsumer;

/**
 * Submits jobs from {@code concurrency} clients, each sending its next submit as soon as the
 * previous one was answered (a closed loop: the rate is what Kiln sustains). Accepted jobs go to
 * {@code onAccepted} (a tracker's {@code add}), when there is one, the moment their 202 arrives.
 */
final class ClosedLoop {

  private final KilnClient client;
  private final int jobs;
  private final IntFunction<Buffer> body;
  private final ObjLongConsumer<String> onAccepted;
  private final Latencies latencies = new Latencies();
  private final List<String> accepted = new ArrayList<>();
  private final List<String> errorSamples = new ArrayList<>();
  private final CompletableFuture<Void> done = new CompletableFuture<>();
  private int started;
  private int answered;
  private long errors;
  private long firstNanos;
  private long lastNanos;

  /** What the submits did. */
  record Result(
      Latencies latencies,
      List<String> accepted,
      long errors,
      List<String> errorSamples,
      long firstNanos,
      long lastNanos) {

    /** Accepted submits per second, first send to last answer. */
    double perSecond() {
      double seconds = (lastNanos - firstNanos) / 1e9;
      return seconds > 0 ? accepted.size() / seconds : Double.NaN;
    }
  }

  private ClosedLoop(
      KilnClient client, int jobs, IntFunction<Buffer> body, ObjLongConsumer<String> onAccepted) {
    this.client = client;
    this.jobs = jobs;
    this.body = body;
    this.onAccepted = onAccepted;
  }

  /**
   * Submits {@code jobs} jobs and returns when every submit was answered.
   *
   * @param body the request body of the i-th job
   * @param onAccepted given each accepted job's id and its submit's start ({@link
   *     System#nanoTime()}) on the client's event loop, or null
   */
  static Result run(
      KilnClient client,
      int jobs,
      int concurrency,
      IntFunction<Buffer> body,
      ObjLongConsumer<String> onAccepted,
      Duration timeout)
      throws Exception {
    ClosedLoop loop = new ClosedLoop(client, jobs, body, onAccepted);
    loop.firstNanos = System.nanoTime();
    for (int i = 0; i < Math.min(concurrency, jobs); i++) {
      client.execute(loop::next);
    }
    try {
      loop.done.get(timeout.toSeconds(), TimeUnit.SECONDS);
    } catch (TimeoutException e) {
      throw new IllegalStateException("submits not answered within " + timeout);
    }
    synchronized (loop) {
      return new Result(
          loop.latencies,
          List.copyOf(loop.accepted),
          loop.errors,
          List.copyOf(loop.errorSamples),
          loop.firstNanos,
          loop.lastNanos);
    }
  }

  private void next() {
    int index;
    synchronized (this) {
      if (started >= jobs) {
        return;
      }
      index = started++;
    }
    long start = System.nanoTime();
    client
        .submit(body.apply(index))
        .onComplete(
            result -> {
              long end = System.nanoTime();
              latencies.recordNanos(end - start);
              String id = null;
              String error = null;
              if (result.failed()) {
                error = result.cause().toString();
              } else if (result.result().status() != 202) {
                error = result.result().describe();
              } else {
                id = result.result().json().getString("id");
              }
              if (id != null && onAccepted != null) {
                onAccepted.accept(id, start);
              }
              boolean last;
              synchronized (this) {
                if (id != null) {
                  accepted.add(id);
                } else {
                  errors++;
                  if (errorSamples.size() < Outcomes.ERROR_SAMPLES) {
                    errorSamples.add(error);
                  }
                }
                lastNanos = end;
                last = ++answered == jobs;
              }
              if (last) {
                done.complete(null);
              } else {
                next();
              }
            });
  }
}
