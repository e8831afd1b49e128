package dev.kiln.model.jobs;

import java.time.Instant;

/**
 * A lifecycle event of one job attempt on {@code kiln.job-events}. Key = job id, so one job's
 * events stay in order. {@code (attempt, seq)} orders events of a job: consumers drop anything not
 * newer than what they hold.
 *
 * @param seq 1, 2, 3... within one attempt
 * @param progress set on {@code progress} (and {@code started}) events
 * @param result set on {@code completed}
 * @param error set on {@code failed}
 * @param worker the id of the worker instance that emitted the event
 */
public record JobEvent(
    int v,
    String jobId,
    String tenantId,
    int attempt,
    int seq,
    JobEventType type,
    Instant at,
    Progress progress,
    JobResult result,
    JobError error,
    String worker) {

  public static final int VERSION = 1;
}
