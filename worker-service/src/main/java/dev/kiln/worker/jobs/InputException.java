package dev.kiln.worker.jobs;

import dev.kiln.model.jobs.JobError;
import dev.kiln.model.jobs.JobErrorCode;

/**
 * The job's input could not be loaded. Carries its own retryable flag because one code covers both
 * kinds: {@code input_fetch_failed} is retryable after a timeout or a 5xx, not after a 404.
 */
public final class InputException extends RuntimeException {

  private final JobErrorCode code;
  private final boolean retryable;

  public InputException(JobErrorCode code, String message) {
    this(code, message, code.retryable());
  }

  public InputException(JobErrorCode code, String message, boolean retryable) {
    super(message, null, false, false);
    this.code = code;
    this.retryable = retryable;
  }

  public JobErrorCode code() {
    return code;
  }

  public JobError toError() {
    return new JobError(code.code(), getMessage(), retryable);
  }
}
