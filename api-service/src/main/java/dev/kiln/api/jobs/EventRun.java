package dev.kiln.api.jobs;

import dev.kiln.model.jobs.JobError;
import dev.kiln.model.jobs.JobEvent;
import dev.kiln.model.jobs.JobEventType;
import dev.kiln.model.jobs.JobResult;
import io.vertx.mutiny.sqlclient.Tuple;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Consecutive events of one job from one poll batch, in {@code (attempt, seq)} order, that one
 * {@code UPDATE} applies as if they were applied one by one: the row takes the state of {@link
 * #last} (status, attempt, seq, terminal fields), {@code started_at} from {@link #first} when it
 * has none, and the progress of {@link #progress} when that event is newer than the row.
 *
 * <p>A run ends at a terminal event: whatever follows it only applies if the terminal event was
 * stale (an older attempt's), which only the row can tell, so it forms the job's next run, applied
 * by the next statement. Nearly always a job has one run per batch.
 */
record EventRun(JobEvent first, JobEvent last, JobEvent progress, boolean hasStarted) {

  private static final Comparator<JobEvent> ORDER =
      Comparator.comparingInt(JobEvent::attempt).thenComparingInt(JobEvent::seq);

  String jobId() {
    return last.jobId();
  }

  /** The runs of a batch; each job's runs in the order they must be applied. */
  static List<EventRun> runs(List<JobEvent> batch) {
    Map<String, List<JobEvent>> byJob = new LinkedHashMap<>();
    for (JobEvent event : batch) {
      if (event != null) {
        byJob.computeIfAbsent(event.jobId(), id -> new ArrayList<>(4)).add(event);
      }
    }
    List<EventRun> runs = new ArrayList<>(byJob.size());
    for (List<JobEvent> received : byJob.values()) {
      List<JobEvent> events = distinctInOrder(received);
      int start = 0;
      for (int i = 0; i < events.size(); i++) {
        if (events.get(i).type().isTerminal() || i == events.size() - 1) {
          runs.add(of(events.subList(start, i + 1)));
          start = i + 1;
        }
      }
    }
    return runs;
  }

  /**
   * The events sorted by {@code (attempt, seq)}, each once: a repeated {@code (attempt, seq)} is
   * never newer than the row once its first copy applied, so only the first received counts.
   */
  private static List<JobEvent> distinctInOrder(List<JobEvent> received) {
    received.sort(ORDER); // stable: copies keep the order they were received in
    List<JobEvent> events = new ArrayList<>(received.size());
    for (JobEvent event : received) {
      if (events.isEmpty() || ORDER.compare(events.getLast(), event) != 0) {
        events.add(event);
      }
    }
    return events;
  }

  private static EventRun of(List<JobEvent> sorted) {
    JobEvent progress = null;
    boolean started = false;
    for (JobEvent event : sorted) {
      if (event.progress() != null) {
        progress = event;
      }
      started |= event.type() == JobEventType.STARTED;
    }
    return new EventRun(sorted.getFirst(), sorted.getLast(), progress, started);
  }

  /** The parameters of the statement that applies this run ({@link JobTransitions}). */
  Tuple toTuple() {
    OffsetDateTime at = at(last);
    JobResult result = last.result();
    JobError error = last.error();
    Object[] values = {
      last.jobId(),
      last.attempt(),
      last.seq(),
      status(last.type()),
      at(first),
      at,
      last.type().isTerminal() ? at : null,
      progress == null ? null : progress.attempt(),
      progress == null ? null : progress.seq(),
      progress == null ? null : progress.progress().percentage(),
      progress == null ? null : progress.progress().step(),
      progress == null ? null : progress.progress().message(),
      result == null ? null : result.mediaId(),
      error == null ? null : error.code(),
      error == null ? null : error.message(),
      error == null ? null : error.retryable(),
      result == null ? null : result.storageKey(),
      result == null ? null : result.mimeType(),
      result == null ? null : result.sizeBytes(),
      result == null ? null : result.width(),
      result == null ? null : result.height(),
    };
    return Tuple.from(Arrays.asList(values));
  }

  private static OffsetDateTime at(JobEvent event) {
    return (event.at() == null ? Instant.now() : event.at()).atOffset(ZoneOffset.UTC);
  }

  private static String status(JobEventType type) {
    return switch (type) {
      case STARTED, PROGRESS -> JobStatus.PROCESSING.wire();
      case COMPLETED -> JobStatus.COMPLETED.wire();
      case FAILED -> JobStatus.FAILED.wire();
    };
  }
}
