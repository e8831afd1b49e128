package dev.kiln.model.jobs;

/** The command on {@code kiln.job-control} that stops (or skips) a job on every worker. */
public record CancelJob(int v, String jobId) {

  public static final int VERSION = 1;

  public static CancelJob of(String jobId) {
    return new CancelJob(VERSION, jobId);
  }
}
