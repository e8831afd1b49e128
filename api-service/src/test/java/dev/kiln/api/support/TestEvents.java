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
