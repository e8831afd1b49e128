package dev.kiln.bench.client;

import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.time.Instant;

/**
 * A job seen in a terminal state.
 *
 * @param id the job id
 * @param status {@code completed}, {@code failed}, {@code cancelled} or {@code expired}
 * @param startNanos when the client started its submit (or was meant to, in a paced run)
 * @param seenNanos when the client first saw it terminal (its event arrived, or a poll answered)
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

  /** From the job object (as {@code GET /v1/jobs/{id}} shows it) seen at {@code seenNanos}. */
  static EndedJob of(JsonObject job, long startNanos, long seenNanos) {
    JsonObject error = job.getJsonObject("error");
    return new EndedJob(
        job.getString("id"),
        job.getString("status"),
        startNanos,
        seenNanos,
        instant(job.getString("created_at")),
        instant(job.getString("completed_at")),
        error == null ? null : error.getString("code"));
  }

  /** The same sighting of a job whose submit started at {@code startNanos}. */
  EndedJob startedAt(long startNanos) {
    return new EndedJob(id, status, startNanos, seenNanos, createdAt, completedAt, errorCode);
  }

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

  private static Instant instant(String text) {
    return text == null ? null : Instant.parse(text);
  }
}
