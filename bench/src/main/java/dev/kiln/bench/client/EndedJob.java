package dev.kiln.bench.client;

import java.time.Duration;
import java.time.Instant;

/**
 * A job seen in a terminal state.
 *
 * @param id the job id
 * @param status {@code completed}, {@code failed}, {@code cancelled} or {@code expired}
 * @param startNanos when the client started its submit (or was meant to, in a paced run)
 * @param seenNanos when the client first saw it terminal
 * @param createdAt the job's {@code created_at} (API clock)
 * @param completedAt the job's {@code completed_at} (the worker's clock)
 * @param errorCode the error code of a failed job, else null
 */
public record EndedJob(
    String id,
    String status,
    long startNanos,
    long seenNanos,
    Instant createdAt,
    Instant completedAt,
    String errorCode) {

  public boolean completed() {
    return status.equals("completed");
  }

  /** Submit to terminal state as the client saw it. */
  public long observedNanos() {
    return seenNanos - startNanos;
  }

  /** {@code created_at} to {@code completed_at}, by Kiln's own timestamps; -1 when unknown. */
  public long serverNanos() {
    return createdAt == null || completedAt == null
        ? -1
        : Duration.between(createdAt, completedAt).toNanos();
  }
}
