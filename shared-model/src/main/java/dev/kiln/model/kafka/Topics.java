package dev.kiln.model.kafka;

/** Kafka topic names; SmallRye channel names equal them. */
public final class Topics {

  /** Job commands, key = job id, consumed by the worker group {@code kiln-workers}. */
  public static final String JOBS = "kiln.jobs";

  /** Job lifecycle events, key = job id (per-job order), consumed by the API. */
  public static final String JOB_EVENTS = "kiln.job-events";

  /** Cancel commands, read in full by every worker instance. */
  public static final String JOB_CONTROL = "kiln.job-control";

  public static final int JOBS_PARTITIONS = 12;
  public static final int JOB_EVENTS_PARTITIONS = 12;
  public static final int JOB_CONTROL_PARTITIONS = 1;

  private Topics() {}
}
