package dev.kiln.client.errors;

/** A wait for a job ended before the job did; the job goes on. */
public class KilnTimeoutException extends KilnException {

  private final String jobId;

  public KilnTimeoutException(String jobId, String message) {
    super(message);
    this.jobId = jobId;
  }

  /** The job that was still running. */
  public String jobId() {
    return jobId;
  }
}
