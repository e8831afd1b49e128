package dev.kiln.worker.drain;

import dev.kiln.worker.config.WorkerConfig;
import io.quarkus.logging.Log;
import io.quarkus.runtime.ShutdownEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.time.Duration;

/**
 * The graceful stop of a worker. On SIGTERM (Quarkus' {@link ShutdownEvent}, which comes before the
 * Kafka connector and the event channel are closed) the worker stops starting jobs, waits up to
 * {@code kiln.worker.drain-timeout} for the running ones to finish, then lets the shutdown go on:
 * the connector commits the offsets of the finished jobs, and the commands it had fetched but not
 * started stay uncommitted, so Kafka hands them to the other workers (or to this one after its
 * restart). A job still running at the timeout is redelivered too: at least once, as always.
 *
 * <p>Every job goes through {@link #admit()} before it starts and {@link #finished()} after its
 * terminal event is acknowledged.
 */
@ApplicationScoped
public class Drain {

  private final Duration timeout;
  private int running;
  private boolean draining;

  @Inject
  public Drain(WorkerConfig config) {
    this(config.drainTimeout());
  }

  Drain(Duration timeout) {
    this.timeout = timeout;
  }

  /**
   * Takes a job in.
   *
   * @return false while draining: the job must not start, and its command must be neither acked nor
   *     nacked, so that it is redelivered
   */
  public synchronized boolean admit() {
    if (draining) {
      return false;
    }
    running++;
    return true;
  }

  /** A job taken in by {@link #admit()} is over. */
  public synchronized void finished() {
    running--;
    notifyAll();
  }

  public synchronized int running() {
    return running;
  }

  public synchronized boolean draining() {
    return draining;
  }

  void onShutdown(@Observes @Priority(1) ShutdownEvent event) {
    int left = drain(timeout);
    if (left > 0) {
      Log.warnf(
          "drain timed out after %s with %d job(s) still running: they will be redelivered",
          timeout, left);
    }
  }

  /**
   * Stops admitting jobs and waits until none runs or {@code maxWait} has passed.
   *
   * @return the jobs still running
   */
  synchronized int drain(Duration maxWait) {
    draining = true;
    if (running > 0) {
      Log.infof("draining: waiting up to %s for %d running job(s)", maxWait, running);
    }
    long deadline = System.nanoTime() + maxWait.toNanos();
    try {
      while (running > 0) {
        long leftMillis = (deadline - System.nanoTime()) / 1_000_000;
        if (leftMillis <= 0) {
          break;
        }
        wait(leftMillis);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    if (running == 0) {
      Log.info("drained: no job running");
    }
    return running;
  }
}
