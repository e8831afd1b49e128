package dev.kiln.bench.workloads;

import dev.kiln.bench.client.KilnClient;
import io.vertx.core.buffer.Buffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Supplier;

/**
 * Submits jobs on a fixed schedule, whatever Kiln answers (an open loop, as real clients behave),
 * and returns when every submit was answered.
 */
final class OpenLoop {

  private static final long START_DELAY_NANOS = TimeUnit.MILLISECONDS.toNanos(20);

  private OpenLoop() {}

  /**
   * What the submits did.
   *
   * @param startNanos the first submit's scheduled time
   * @param lastSendNanos when the last submit was sent
   */
  record Result(
      List<String> accepted,
      long errors,
      List<String> errorSamples,
      long startNanos,
      long lastSendNanos) {}

  /**
   * Sends {@code total} submits at {@code perSecond}, from this thread's schedule onto the client's
   * event loop.
   *
   * @param body a new request body for each submit
   * @param timeout how long the answers may take after the last send
   */
  static Result run(
      KilnClient client, int total, double perSecond, Supplier<Buffer> body, Duration timeout)
      throws InterruptedException {
    List<String> accepted = new ArrayList<>(total);
    List<String> errors = new ArrayList<>();
    CountDownLatch answered = new CountDownLatch(total);
    long start = System.nanoTime() + START_DELAY_NANOS;
    long lastSend = start;
    for (int i = 0; i < total; i++) {
      long scheduled = start + (long) (i * 1e9 / perSecond);
      long wait;
      while ((wait = scheduled - System.nanoTime()) > 0) {
        LockSupport.parkNanos(wait);
      }
      lastSend = System.nanoTime();
      client.execute(
          () ->
              client
                  .submit(body.get())
                  .onComplete(
                      reply -> {
                        synchronized (accepted) {
                          if (reply.succeeded() && reply.result().status() == 202) {
                            accepted.add(reply.result().json().getString("id"));
                          } else {
                            errors.add(
                                reply.failed()
                                    ? reply.cause().toString()
                                    : reply.result().describe());
                          }
                        }
                        answered.countDown();
                      }));
    }
    if (!answered.await(timeout.toSeconds(), TimeUnit.SECONDS)) {
      throw new IllegalStateException("submits not answered within " + timeout);
    }
    synchronized (accepted) {
      return new Result(
          List.copyOf(accepted),
          errors.size(),
          List.copyOf(errors.subList(0, Math.min(Outcomes.ERROR_SAMPLES, errors.size()))),
          start,
          lastSend);
    }
  }
}
