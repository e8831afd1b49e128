package dev.kiln.e2e.drills;

import dev.kiln.e2e.drills.DrillClient.Answer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * Submits jobs at a steady pace from a background thread until stopped, each submit on a virtual
 * thread of its own, so that a submit that hangs in a fault does not hold up the next ones. Keeps
 * the ids of the jobs answered 202 and counts every other answer.
 */
final class SteadyLoad {

  private final Supplier<Answer> submit;
  private final long intervalNanos;
  private final List<String> accepted = new ArrayList<>();
  private final Map<String, Integer> refused = new TreeMap<>();
  private final List<Thread> submits = new ArrayList<>();
  private final Thread pacer;
  private volatile boolean running = true;

  /**
   * @param submit one submit, answering what the API said
   * @param perSecond submits started per second
   */
  SteadyLoad(Supplier<Answer> submit, double perSecond) {
    this.submit = submit;
    this.intervalNanos = (long) (TimeUnit.SECONDS.toNanos(1) / perSecond);
    this.pacer = Thread.ofPlatform().daemon().name("drill-load").unstarted(this::pace);
  }

  /** Starts submitting; answers this load. */
  SteadyLoad start() {
    pacer.start();
    return this;
  }

  /** Submits started so far. */
  synchronized int started() {
    return submits.size();
  }

  /** Jobs answered 202 so far. */
  synchronized int acceptedCount() {
    return accepted.size();
  }

  /** Waits until at least {@code count} jobs were answered 202. */
  void awaitAccepted(int count, Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (acceptedCount() < count) {
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException(
            "only " + acceptedCount() + " of " + count + " submits accepted after " + timeout);
      }
      Thread.sleep(50);
    }
  }

  /** Stops starting submits and waits for the answers of those started. */
  void stop() throws InterruptedException {
    running = false;
    pacer.join();
    List<Thread> started;
    synchronized (this) {
      started = List.copyOf(submits);
    }
    for (Thread thread : started) {
      thread.join();
    }
  }

  /** The ids of the jobs answered 202, in the order of their answers. */
  synchronized List<String> accepted() {
    return List.copyOf(accepted);
  }

  /** Every other answer, described ("503 service_unavailable", "no answer (...)"), counted. */
  synchronized Map<String, Integer> refused() {
    return new TreeMap<>(refused);
  }

  private void pace() {
    long next = System.nanoTime();
    while (running) {
      Thread thread = Thread.ofVirtual().name("drill-submit").start(this::submitOne);
      synchronized (this) {
        submits.add(thread);
      }
      next += intervalNanos;
      long wait = next - System.nanoTime();
      if (wait > 0) {
        try {
          TimeUnit.NANOSECONDS.sleep(wait);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          return;
        }
      }
    }
  }

  private void submitOne() {
    Answer answer = submit.get();
    synchronized (this) {
      if (answer.is(202)) {
        accepted.add(answer.body().path("id").asText());
      } else {
        refused.merge(answer.describe(), 1, Integer::sum);
      }
    }
  }
}
