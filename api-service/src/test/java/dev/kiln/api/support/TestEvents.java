package dev.kiln.api.support;

import dev.kiln.model.jobs.JobError;
import dev.kiln.model.jobs.JobEvent;
import dev.kiln.model.jobs.JobEventType;
import dev.kiln.model.jobs.JobResult;
import dev.kiln.model.jobs.Progress;
import java.time.Instant;

/** Job events as a worker named {@code test-worker} sends them, stamped now. */
public final class TestEvents {

  private TestEvents() {}

  /** An event of attempt 1 that carries no error. */
  public static JobEvent event(
      String jobId,
      String tenantId,
      int seq,
      JobEventType type,
      Progress progress,
      JobResult result) {
    return event(jobId, tenantId, 1, seq, type, progress, result, null);
  }

  public static JobEvent event(
      String jobId,
      String tenantId,
      int attempt,
      int seq,
      JobEventType type,
      Progress progress,
      JobResult result,
      JobError error) {
    return new JobEvent(
        JobEvent.VERSION,
        jobId,
        tenantId,
        attempt,
        seq,
        type,
        Instant.now(),
        progress,
        result,
        error,
        "test-worker");
  }
}
