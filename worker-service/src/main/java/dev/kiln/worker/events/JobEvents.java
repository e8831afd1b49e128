package dev.kiln.worker.events;

import dev.kiln.model.jobs.JobCommand;
import dev.kiln.model.jobs.JobError;
import dev.kiln.model.jobs.JobEvent;
import dev.kiln.model.jobs.JobEventType;
import dev.kiln.model.jobs.JobResult;
import dev.kiln.model.jobs.Progress;
import java.time.Clock;

/**
 * The events of one job attempt, numbered: {@code started} is seq 1 and each later event takes the
 * next number, which is what lets consumers drop duplicates and stale events. One instance per
 * attempt, used by the thread running it.
 */
public final class JobEvents {

  private final JobCommand command;
  private final String worker;
  private final Clock clock;
  private int seq;

  public JobEvents(JobCommand command, String worker, Clock clock) {
    this.command = command;
    this.worker = worker;
    this.clock = clock;
  }

  public JobEvent started() {
    return next(JobEventType.STARTED, new Progress(0, null, "Started"), null, null);
  }

  public JobEvent progress(int percentage, String step, String message) {
    return next(JobEventType.PROGRESS, new Progress(percentage, step, message), null, null);
  }

  public JobEvent completed(JobResult result) {
    return next(JobEventType.COMPLETED, null, result, null);
  }

  public JobEvent failed(JobError error) {
    return next(JobEventType.FAILED, null, null, error);
  }

  private JobEvent next(JobEventType type, Progress progress, JobResult result, JobError error) {
    seq++;
    return new JobEvent(
        JobEvent.VERSION,
        command.jobId(),
        command.tenantId(),
        command.attempt(),
        seq,
        type,
        clock.instant(),
        progress,
        result,
        error,
        worker);
  }
}
