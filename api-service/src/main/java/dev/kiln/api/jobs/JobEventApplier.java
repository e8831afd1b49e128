package dev.kiln.api.jobs;

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
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * Applies workers' events to job rows, a Kafka poll batch per database round trip. Idempotent by
 * construction: an event changes a row only while the job is not terminal and the event's {@code
 * (attempt, seq)} is newer than the row's, so duplicates, replays after a rebalance and
 * out-of-order events are no-ops. A completed event inserts the result media row in the same
 * statement.
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
          completed_at = $6,
          progress_percentage = coalesce($7, progress_percentage),
          progress_step = coalesce($8, progress_step),
          progress_message = coalesce($9, progress_message),
          result_media_id = $10,
          error_code = $11,
          error_message = $12,
          error_retryable = $13,
          last_event_at = $5,
          updated_at = now()
        where id = $1
          and status in ('queued', 'processing')
          and (attempt, last_seq) < ($2, $3)
        returning id, tenant_id),
      result as (
        insert into media (id, tenant_id, storage_key, mime_type, size_bytes, width, height,
                           source_job_id, created_at)
        select $10, job.tenant_id, $14, $15, $16, $17, $18, job.id, $5
        from job where $10::text is not null
        on conflict (id) do nothing)
      select id from job
      """;

  private final Pool pool;

  public JobEventApplier(Pool pool) {
    this.pool = pool;
  }

  @Incoming(Topics.JOB_EVENTS)
  public Uni<Void> apply(List<JobEvent> batch) {
    List<JobEvent> events = batch.stream().filter(Objects::nonNull).toList();
    if (events.isEmpty()) {
      return Uni.createFrom().voidItem();
    }
    List<Tuple> rows = new ArrayList<>(events.size());
    for (JobEvent event : events) {
      rows.add(toTuple(event));
    }
    return pool.preparedQuery(APPLY)
        .executeBatch(rows)
        .invoke(result -> log(events, result))
        .replaceWithVoid();
  }

  private static Tuple toTuple(JobEvent event) {
    JobResult result = event.result();
    var at = (event.at() == null ? java.time.Instant.now() : event.at()).atOffset(ZoneOffset.UTC);
    boolean terminal = event.type().isTerminal();
    Object[] values = {
      event.jobId(),
      event.attempt(),
      event.seq(),
      status(event.type()),
      at,
      terminal ? at : null,
      event.progress() == null ? null : event.progress().percentage(),
      event.progress() == null ? null : event.progress().step(),
      event.progress() == null ? null : event.progress().message(),
      result == null ? null : result.mediaId(),
      event.error() == null ? null : event.error().code(),
      event.error() == null ? null : event.error().message(),
      event.error() == null ? null : event.error().retryable(),
      result == null ? null : result.storageKey(),
      result == null ? null : result.mimeType(),
      result == null ? null : result.sizeBytes(),
      result == null ? null : result.width(),
      result == null ? null : result.height(),
    };
    return Tuple.from(java.util.Arrays.asList(values));
  }

  private static String status(JobEventType type) {
    return switch (type) {
      case STARTED, PROGRESS -> JobStatus.PROCESSING.wire();
      case COMPLETED -> JobStatus.COMPLETED.wire();
      case FAILED -> JobStatus.FAILED.wire();
    };
  }

  private static void log(List<JobEvent> events, RowSet<Row> result) {
    RowSet<Row> rows = result;
    for (JobEvent event : events) {
      boolean applied = rows != null && rows.rowCount() > 0;
      rows = rows == null ? null : rows.next();
      if (!applied || event.type() == JobEventType.PROGRESS) {
        continue;
      }
      switch (event.type()) {
        case STARTED ->
            Log.infof(
                "job %s processing (attempt %d, worker %s)",
                event.jobId(), event.attempt(), event.worker());
        case COMPLETED ->
            Log.infof(
                "job %s completed: %s %dx%d",
                event.jobId(),
                event.result().mimeType(),
                event.result().width(),
                event.result().height());
        case FAILED -> Log.infof("job %s failed: %s", event.jobId(), event.error().code());
        default -> {}
      }
    }
  }
}
