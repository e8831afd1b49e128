package dev.kiln.api.jobs;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonRawValue;
import java.time.Instant;

/**
 * The job object: the same shape on submit, poll, batch status and (later) SSE and webhooks. Every
 * field is always present, null when it does not apply yet.
 */
@JsonInclude(JsonInclude.Include.ALWAYS)
public record JobView(
    String id,
    String object,
    String status,
    String preset,
    ProgressView progress,
    Integer queuePosition,
    Integer estimatedTimeSeconds,
    int attempt,
    Instant createdAt,
    Instant startedAt,
    Instant completedAt,
    Double queueWaitSeconds,
    Double processingSeconds,
    Double totalElapsedSeconds,
    ResultView result,
    ErrorView error,
    Links links,
    @JsonRawValue String metadata) {

  /** How far a running job is. */
  public record ProgressView(Integer percentage, String step, String message) {}

  /** The output image of a completed job, with a pre-signed URL. */
  public record ResultView(
      String mediaId,
      String url,
      Instant urlExpiresAt,
      String mimeType,
      long sizeBytes,
      int width,
      int height) {}

  /** Why a job failed. */
  public record ErrorView(String code, String message, boolean retryable) {}

  /** Where to go next. */
  public record Links(String self, String events, String cancel) {}
}
