package dev.kiln.api.jobs;

import dev.kiln.model.jobs.JobEvent;
import dev.kiln.model.kafka.Topics;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * Applies workers' events to job rows, a Kafka poll batch per database round trip and transaction.
 * A batch's events are coalesced per job ({@link EventRun}): a tiny job's started, progress and
 * completed events, usually polled together, cost one row update, not one per event. The whole
 * batch is one set-based {@code UPDATE} (so the {@code jobs_changed} trigger also fires once and
 * sends one notification for up to 100 jobs); a job with events after a terminal one in the same
 * batch needs a second statement, in the same round trip.
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
      with run as (
        select * from unnest($1::text[], $2::int4[], $3::int4[], $4::text[], $5::timestamptz[],
                             $6::timestamptz[], $7::timestamptz[], $8::int4[], $9::int4[],
                             $10::int4[], $11::text[], $12::text[], $13::text[], $14::text[],
                             $15::text[], $16::bool[], $17::text[], $18::text[], $19::int8[],
                             $20::int4[], $21::int4[])
          as r(id, attempt, seq, status, first_at, last_at, completed_at, progress_attempt,
               progress_seq, progress_percentage, progress_step, progress_message, result_media_id,
               error_code, error_message, error_retryable, storage_key, mime_type, size_bytes,
               width, height)),
      job as (
        update jobs j set
          status = r.status,
          attempt = r.attempt,
          last_seq = r.seq,
          started_at = coalesce(j.started_at, r.first_at),
          completed_at = r.completed_at,
          progress_percentage = case when (j.attempt, j.last_seq) < (r.progress_attempt, r.progress_seq)
            then r.progress_percentage else j.progress_percentage end,
          progress_step = case when (j.attempt, j.last_seq) < (r.progress_attempt, r.progress_seq)
            then coalesce(r.progress_step, j.progress_step) else j.progress_step end,
          progress_message = case when (j.attempt, j.last_seq) < (r.progress_attempt, r.progress_seq)
            then coalesce(r.progress_message, j.progress_message) else j.progress_message end,
          result_media_id = r.result_media_id,
          error_code = r.error_code,
          error_message = r.error_message,
          error_retryable = r.error_retryable,
          last_event_at = r.last_at,
          updated_at = now()
        from run r
        where j.id = r.id
          and j.status in ('queued', 'processing')
          and (j.attempt, j.last_seq) < (r.attempt, r.seq)
        returning j.id, j.tenant_id),
      result as (
        insert into media (id, tenant_id, storage_key, mime_type, size_bytes, width, height,
                           source_job_id, created_at)
        select r.result_media_id, job.tenant_id, r.storage_key, r.mime_type, r.size_bytes,
               r.width, r.height, job.id, r.last_at
        from job join run r on r.id = job.id
        where r.result_media_id is not null
        on conflict (id) do nothing)
      select id from job
      """;

  private final Pool pool;

  public JobEventApplier(Pool pool) {
    this.pool = pool;
  }

  @Incoming(Topics.JOB_EVENTS)
  public Uni<Void> apply(List<JobEvent> batch) {
    List<List<EventRun>> rounds = EventRun.rounds(batch);
    if (rounds.isEmpty()) {
      return Uni.createFrom().voidItem();
    }
    List<Tuple> statements = new ArrayList<>(rounds.size());
    for (List<EventRun> round : rounds) {
      statements.add(RunColumns.of(round).toTuple());
    }
    return pool.preparedQuery(APPLY)
        .executeBatch(statements)
        .invoke(result -> log(rounds, result))
        .replaceWithVoid();
  }

  private static void log(List<List<EventRun>> rounds, RowSet<Row> result) {
    RowSet<Row> rows = result;
    for (List<EventRun> round : rounds) {
      if (rows == null) {
        return;
      }
      Set<String> applied = new HashSet<>(rows.size() * 2);
      rows.forEach(row -> applied.add(row.getString(0)));
      for (EventRun run : round) {
        if (applied.contains(run.jobId())) {
          log(run);
        }
      }
      rows = rows.next();
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
