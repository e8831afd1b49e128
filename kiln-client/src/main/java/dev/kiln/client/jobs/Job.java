package dev.kiln.client.jobs;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.Set;

/**
 * The job object, as {@code GET /v1/jobs/{id}} answers it, streams carry it and webhooks deliver
 * it. Members that do not apply yet are null.
 *
 * @param status {@code queued}, {@code processing}, {@code completed}, {@code failed}, {@code
 *     cancelled} or {@code expired}
 * @param preset the preset the job runs ({@code sticker}, ...), null for a pipeline
 * @param sequence the sequence of the job's newest event as of this state
 * @param result the output image of a completed job
 * @param error why a failed job failed
 * @param rerunOf the job this one runs again
 * @param metadata the JSON given at submit, as is
 */
public record Job(
    String id,
    String object,
    String status,
    String preset,
    String priority,
    Progress progress,
    Integer queuePosition,
    Integer estimatedTimeSeconds,
    int attempt,
    Long sequence,
    Instant createdAt,
    Instant startedAt,
    Instant completedAt,
    Double queueWaitSeconds,
    Double processingSeconds,
    Double totalElapsedSeconds,
    Result result,
    JobError error,
    Credits credits,
    String rerunOf,
    Links links,
    JsonNode metadata) {

  private static final Set<String> TERMINAL = Set.of("completed", "failed", "cancelled", "expired");

  /** Whether the job has ended (completed, failed, cancelled or expired): it changes no more. */
  public boolean isTerminal() {
    return TERMINAL.contains(status);
  }

  public boolean isCompleted() {
    return "completed".equals(status);
  }

  /** How far a job is: a percentage, the running step's name and a message. */
  public record Progress(int percentage, String step, String message) {}

  /**
   * The output image of a completed job.
   *
   * @param url a pre-signed download URL, valid until {@code urlExpiresAt}
   * @param resultBase64 the bytes inline, only in webhooks of endpoints that ask for them
   */
  public record Result(
      String mediaId,
      String url,
      Instant urlExpiresAt,
      String mimeType,
      long sizeBytes,
      int width,
      int height,
      String resultBase64) {}

  /**
   * Why a job failed.
   *
   * @param code a stable reason, such as {@code invalid_image}
   * @param retryable whether running the same job again may succeed
   */
  public record JobError(String code, String message, boolean retryable) {}

  /**
   * What the job costs.
   *
   * @param state {@code reserved}, {@code charged}, {@code refunded} or {@code unmetered}
   */
  public record Credits(int cost, String state) {}

  /** Where to go next: the API paths of the job, its events, cancel and rerun. */
  public record Links(String self, String events, String cancel, String rerun) {}
}
