package dev.kiln.model.jobs;

/**
 * Why a job failed.
 *
 * @param code a stable {@link JobErrorCode} value, e.g. {@code invalid_image}
 * @param retryable whether submitting the same job again may succeed
 */
public record JobError(String code, String message, boolean retryable) {

  public static JobError of(JobErrorCode code, String message) {
    return new JobError(code.code(), message, code.retryable());
  }
}
