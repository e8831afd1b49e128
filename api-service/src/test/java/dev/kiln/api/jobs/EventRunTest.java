package dev.kiln.api.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kiln.model.jobs.JobError;
import dev.kiln.model.jobs.JobErrorCode;
import dev.kiln.model.jobs.JobEvent;
import dev.kiln.model.jobs.JobEventType;
import dev.kiln.model.jobs.JobResult;
import dev.kiln.model.jobs.Progress;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** How a poll batch is cut into per-job runs, each applied by one row update. */
class EventRunTest {

  @Test
  void aTinyJobsEventsInAnyOrderAreOneRunFromStartedToCompleted() {
    JobEvent started = event("a", 1, 1, JobEventType.STARTED, null);
    JobEvent resize = event("a", 1, 2, JobEventType.PROGRESS, new Progress(50, "resize", "m"));
    JobEvent encode = event("a", 1, 3, JobEventType.PROGRESS, new Progress(90, "encode", "m"));
    JobEvent completed = event("a", 1, 4, JobEventType.COMPLETED, null);

    List<EventRun> runs = EventRun.runs(List.of(completed, resize, started, encode));

    assertThat(runs).containsExactly(new EventRun(started, completed, encode, true));
  }

  @Test
  void eachJobOfABatchHasItsRun() {
    JobEvent a1 = event("a", 1, 1, JobEventType.STARTED, null);
    JobEvent b1 = event("b", 1, 1, JobEventType.STARTED, null);
    JobEvent a2 = event("a", 1, 2, JobEventType.PROGRESS, new Progress(10, "trim", null));

    List<EventRun> runs = EventRun.runs(Arrays.asList(a1, null, b1, a2));

    assertThat(runs)
        .containsExactly(new EventRun(a1, a2, a2, true), new EventRun(b1, b1, null, true));
  }

  @Test
  void ofTwoCopiesOfOneEventTheFirstReceivedCounts() {
    JobEvent first = event("a", 1, 2, JobEventType.PROGRESS, new Progress(50, "resize", null));
    JobEvent copy = event("a", 1, 2, JobEventType.PROGRESS, new Progress(60, "other", null));
    JobEvent failed = event("a", 1, 3, JobEventType.FAILED, null);
    JobEvent failedAgain = event("a", 1, 3, JobEventType.FAILED, null);

    List<EventRun> runs = EventRun.runs(List.of(first, copy, failed, failedAgain));

    assertThat(runs).containsExactly(new EventRun(first, failed, first, false));
  }

  @Test
  void eventsAfterATerminalOneFormTheJobsNextRun() {
    JobEvent staleCompleted = event("a", 1, 4, JobEventType.COMPLETED, null);
    JobEvent retryStarted = event("a", 2, 1, JobEventType.STARTED, null);
    JobEvent retryFailed = event("a", 2, 2, JobEventType.FAILED, null);
    JobEvent other = event("b", 1, 1, JobEventType.STARTED, null);

    List<EventRun> runs = EventRun.runs(List.of(retryFailed, other, staleCompleted, retryStarted));

    assertThat(runs)
        .containsExactly(
            new EventRun(staleCompleted, staleCompleted, null, false),
            new EventRun(retryStarted, retryFailed, null, true),
            new EventRun(other, other, null, true));
  }

  @Test
  void anEmptyBatchHasNoRuns() {
    assertThat(EventRun.runs(Arrays.asList((JobEvent) null))).isEmpty();
  }

  private static JobEvent event(
      String jobId, int attempt, int seq, JobEventType type, Progress progress) {
    return new JobEvent(
        JobEvent.VERSION,
        jobId,
        "ten_t",
        attempt,
        seq,
        type,
        Instant.EPOCH.plusSeconds(seq),
        progress,
        type == JobEventType.COMPLETED
            ? new JobResult("med_" + jobId, "k", "image/png", 1, 1, 1)
            : null,
        type == JobEventType.FAILED ? JobError.of(JobErrorCode.INTERNAL_ERROR, "x") : null,
        "w");
  }
}
