package dev.kiln.api.jobs;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonRawValue;
import java.time.Instant;
import java.util.Base64;

/**
 * The job object: the same shape on submit, poll, batch status, streams and webhooks. Every field
 * is always present, null when it does not apply yet.
 *
 * @param attempt the worker attempt the state belongs to
 * @param sequence the sequence of the job's newest event as of this state (of the event itself, in
 *     an event): a receiver that saw a higher one for the job may drop this one as stale
 */
@JsonInclude(JsonInclude.Include.ALWAYS)
public record JobView(
    String id,
    String object,
    String status,
    String preset,
    String priority,
    ProgressView progress,
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
    ResultView result,
    ErrorView error,
    CreditsView credits,
    String rerunOf,
    Links links,
    @JsonRawValue String metadata) {

  /** This job object with its result's bytes inline ({@code result.result_base64}). */
  public JobView withResultBytes(byte[] bytes) {
    return new JobView(
        id,
        object,
        status,
        preset,
        priority,
        progress,
        queuePosition,
        estimatedTimeSeconds,
        attempt,
        sequence,
        createdAt,
        startedAt,
        completedAt,
        queueWaitSeconds,
        processingSeconds,
        totalElapsedSeconds,
        result == null ? null : result.withBytes(bytes),
        error,
        credits,
        rerunOf,
        links,
        metadata);
  }

  /**
   * How far a job is: always a percentage, a step and a message ({@code queued}, then the running
   * step's name, then the outcome).
   */
  public record ProgressView(int percentage, String step, String message) {}

  /**
   * What the job costs.
   *
   * @param cost its price in credits
   * @param state {@code reserved} while it runs, {@code charged} once completed, {@code refunded}
   *     when it failed, was cancelled or expired; {@code unmetered} for an account without a credit
   *     limit
   */
  public record CreditsView(int cost, String state) {}

  /** The output image of a completed job, with a pre-signed URL. */
  public record ResultView(
      String mediaId,
      String url,
      Instant urlExpiresAt,
      String mimeType,
      long sizeBytes,
      int width,
      int height,
      @JsonInclude(JsonInclude.Include.NON_NULL) String resultBase64) {

    /** This result with its bytes inline (webhooks of endpoints that asked for them). */
    public ResultView withBytes(byte[] bytes) {
      return new ResultView(
          mediaId,
          url,
          urlExpiresAt,
          mimeType,
          sizeBytes,
          width,
          height,
          Base64.getEncoder().encodeToString(bytes));
    }
  }

  /** Why a job failed. */
  public record ErrorView(String code, String message, boolean retryable) {}

  /** Where to go next. */
  public record Links(String self, String events, String cancel, String rerun) {}
}
