package dev.kiln.worker.pipeline;

import dev.kiln.model.jobs.JobErrorCode;

/**
 * An expected failure of a job with a stable error code (bad input, limits, output that cannot
 * fit). Logged in one line without a stack trace and reported as a {@code failed} event.
 */
public class PipelineException extends RuntimeException {

  private final JobErrorCode code;

  public PipelineException(JobErrorCode code, String message) {
    super(message, null, false, false);
    this.code = code;
  }

  public JobErrorCode code() {
    return code;
  }
}
