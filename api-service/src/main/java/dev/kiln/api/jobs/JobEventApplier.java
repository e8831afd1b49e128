package dev.kiln.api.jobs;

import dev.kiln.model.jobs.JobError;
import dev.kiln.model.jobs.JobEvent;
import dev.kiln.model.jobs.JobEventType;
import dev.kiln.model.jobs.JobResult;
import dev.kiln.model.kafka.Topics;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * Applies workers' events to job rows, a Kafka poll batch per database round trip and transaction.
 * A batch's events are coalesced per job ({@link EventRun}): a tiny job's started, progress and
 * completed events, usually polled together, cost one row update, not one per event. The updates of
 * a batch are pipelined, one statement per job (a second one only for a job with events after a
 * terminal one in the same batch).
 *
 * <p>Idempotent by construction: a run changes a row only while the job is not terminal and the
 * run's newest {@code (attempt, seq)} is newer than the row's, and it takes the progress of its
 * newest progress event only when that event too is newer than the row; so duplicates, replays
 * after a rebalance and out-of-order events are no-ops, as when events were applied one by one. A
 * completed event inserts the result media row in the same statement.
 */
@ApplicationScoped
public class JobEventApplier {

  private static final String APPLY =
      """
      with job as (
        update jobs set
          status = $4,
          attempt = $2,
          last_seq = $3,
          started_at = coalesce(started_at, $5),
          completed_at = $7,
          progress_percentage = case when (attempt, last_seq) < ($8, $9)
            then $10 else progress_percentage end,
          progress_step = case when (attempt, last_seq) < ($8, $9)
            then coalesce($11, progress_step) else progress_step end,
          progress_message = case when (attempt, last_seq) < ($8, $9)
            then coalesce($12, progress_message) else progress_message end,
          result_media_id = $13,
          error_code = $14,
          error_message = $15,
          error_retryable = $16,
          last_event_at = $6,
          updated_at = now()
        where id = $1
          and status in ('queued', 'processing')
          and (attempt, last_seq) < ($2, $3)
        returning id, tenant_id),
      result as (
        insert into media (id, tenant_id, storage_key, mime_type, size_bytes, width, height,
                           source_job_id, created_at)
        select $13, job.tenant_id, $17, $18, $19, $20, $21, job.id, $6
        from job where $13::text is not null
        on conflict (id) do nothing)
      select id from job
      """;

  private final Pool pool;

  public JobEventApplier(Pool pool) {
    this.pool = pool;
  }

  @Incoming(Topics.JOB_EVENTS)
  public Uni<Void> apply(List<JobEvent> batch) {
    List<EventRun> runs = EventRun.runs(batch);
    if (runs.isEmpty()) {
      return Uni.createFrom().voidItem();
    }
    List<Tuple> rows = new ArrayList<>(runs.size());
    for (EventRun run : runs) {
      rows.add(toTuple(run));
    }
    return pool.preparedQuery(APPLY)
        .executeBatch(rows)
        .invoke(result -> log(runs, result))
        .replaceWithVoid();
  }

  private static Tuple toTuple(EventRun run) {
    JobEvent last = run.last();
    OffsetDateTime at = at(last);
    JobEvent progress = run.progress();
    JobResult result = last.result();
    JobError error = last.error();
    Object[] values = {
      last.jobId(),
      last.attempt(),
      last.seq(),
      status(last.type()),
      at(run.first()),
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

  private static void log(List<EventRun> runs, RowSet<Row> result) {
    RowSet<Row> rows = result;
    for (EventRun run : runs) {
      boolean applied = rows != null && rows.rowCount() > 0;
      rows = rows == null ? null : rows.next();
      if (applied) {
        log(run);
      }
    }
  }

  private static void log(EventRun run) {
    JobEvent event = run.last();
    switch (event.type()) {
      case COMPLETED ->
          Log.infof(
              "job %s completed: %s %dx%d",
              event.jobId(),
              event.result().mimeType(),
              event.result().width(),
              event.result().height());
      case FAILED -> Log.infof("job %s failed: %s", event.jobId(), event.error().code());
      default -> {
        if (run.hasStarted()) {
          Log.infof(
              "job %s processing (attempt %d, worker %s)",
              event.jobId(), event.attempt(), event.worker());
        }
      }
    }
  }
}
