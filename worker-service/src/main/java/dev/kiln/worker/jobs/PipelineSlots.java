package dev.kiln.worker.jobs;

import dev.kiln.worker.config.WorkerConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * Limits the CPU-heavy part of jobs (decode, steps, encode) to {@code kiln.worker.concurrency} at
 * once, while up to {@code kiln.worker.jobs-in-flight} jobs are taken: the others load their input,
 * store their result or wait for Kafka meanwhile, so I/O waits overlap and image work never
 * oversubscribes the cores. Fair: jobs get a slot in the order they asked.
 */
@ApplicationScoped
public class PipelineSlots {

  private final Semaphore slots;

  @Inject
  public PipelineSlots(WorkerConfig config) {
    this(config.concurrency());
  }

  public PipelineSlots(int slots) {
    if (slots < 1) {
      throw new IllegalArgumentException("kiln.worker.concurrency must be at least 1: " + slots);
    }
    this.slots = new Semaphore(slots, true);
  }

  /**
   * Waits for a slot; the caller must {@link #release()} it after a {@code true}.
   *
   * @param maxWait how long to wait at most; {@code null} for as long as it takes
   * @return false when {@code maxWait} passed first
   */
  public boolean acquire(Duration maxWait) {
    try {
      if (maxWait == null) {
        slots.acquire();
        return true;
      }
      return slots.tryAcquire(Math.max(0, maxWait.toNanos()), TimeUnit.NANOSECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while waiting for a pipeline slot", e);
    }
  }

  public void release() {
    slots.release();
  }

  /** Slots free now (for tests and metrics). */
  int available() {
    return slots.availablePermits();
  }
}
