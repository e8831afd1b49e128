package dev.kiln.api.jobs;

import dev.kiln.api.outbox.OutboxMessage;
import dev.kiln.model.kafka.Topics;
import io.smallrye.mutiny.Uni;
import io.vertx.core.buffer.Buffer;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Function;

/**
 * The one place that changes a job's status: every transition of the lifecycle is a statement here,
 * and nowhere else writes {@code jobs.status}.
 *
 * <pre>
 *   accept ──► queued ──► processing ──► completed | failed      (workers' events)
 *                │  ▲          │
 *                │  └──────────┘ stalled: a new attempt, or failed after max-attempts
 *                └──────────────┴──► cancelled (client) | expired (deadline)
 * </pre>
 *
 * <p>Each statement's events (and their webhook deliveries) are appended by the {@code
 * jobs_record_events} trigger in the same transaction, so a change without its event cannot happen,
 * whoever writes the row (see {@code docs/webhooks.md}). Statements that announce a change to
 * workers write their outbox record in the same statement.
 */
@ApplicationScoped
public class JobTransitions {

  /** Accepts one job and its command, unless its idempotency key was used: one row or none. */
  private static final String ACCEPT =
      """
      with job as (
        insert into jobs (id, tenant_id, status, preset, input, input_key, pipeline, priority,
                          deadline, metadata, idempotency_key, webhook_url, webhook_events,
                          attempt, created_at, updated_at)
        values ($1, $2, 'queued', $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, 1, $13, $13)
        on conflict (tenant_id, idempotency_key) where idempotency_key is not null do nothing
        returning id)
      insert into outbox (topic, message_key, payload)
      select $14, id, $15 from job
      returning message_key
      """;

  /** Applies an {@link EventRun} of a worker's events; see {@link JobEventApplier}. */
  private static final String APPLY_WORKER_EVENTS =
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

  private static final String EXPIRE =
      """
      update jobs set status = 'expired', completed_at = now(), updated_at = now(),
             error_code = 'timeout', error_message = 'The job passed its deadline',
             error_retryable = true
      where status in ('queued', 'processing') and deadline < now()
      returning id
      """;

  /**
   * Jobs processing with no event for a while: a new attempt (re-queued, its command in the outbox
   * by the caller) or, after the last attempt, failed.
   */
  private static final String RETRY_STALLED =
      """
      with stalled as (
        select id from jobs
        where status = 'processing' and last_event_at < now() - make_interval(secs => $1)
        order by last_event_at limit 200
        for update skip locked),
      failed as (
        update jobs j set status = 'failed', completed_at = now(), updated_at = now(),
               error_code = 'stalled', error_retryable = true,
               error_message = 'The job stopped making progress ' || j.attempt || ' times'
        from stalled where j.id = stalled.id and j.attempt >= $2
        returning j.id)
      update jobs j set status = 'queued', attempt = j.attempt + 1, last_seq = 0,
             progress_percentage = null, progress_step = null, progress_message = null,
             updated_at = now()
      from stalled where j.id = stalled.id and j.attempt < $2
      returning j.id, j.tenant_id, j.attempt, j.input, j.input_key, j.pipeline, j.priority,
                j.deadline, j.created_at
      """;

  /** Cancels a queued or processing job and tells every worker; answers the status it had. */
  private static final String CANCEL =
      """
      with target as (
        select id, status from jobs where id = $1 and tenant_id = $2 for update),
      cancelled as (
        update jobs j set status = 'cancelled', completed_at = now(), updated_at = now()
        from target where j.id = target.id and target.status in ('queued', 'processing')
        returning j.id),
      control as (
        insert into outbox (topic, message_key, payload)
        select $3, id, $4 from cancelled)
      select status from target
      """;

  private final Pool pool;

  public JobTransitions(Pool pool) {
    this.pool = pool;
  }

  /**
   * Accepts new jobs with their commands, pipelined on {@code connection} (the caller's
   * transaction).
   *
   * @return for each job, in order, whether it was written (false: its idempotency key was taken)
   */
  Uni<List<Boolean>> accept(SqlConnection connection, List<NewJob> jobs) {
    List<Tuple> rows = new ArrayList<>(jobs.size());
    for (NewJob job : jobs) {
      rows.add(acceptRow(job));
    }
    return connection
        .preparedQuery(ACCEPT)
        .executeBatch(rows)
        .map(
            result -> {
              List<Boolean> written = new ArrayList<>(jobs.size());
              for (RowSet<Row> rowSet = result; rowSet != null; rowSet = rowSet.next()) {
                written.add(rowSet.rowCount() > 0);
              }
              return written;
            });
  }

  /**
   * Applies runs of workers' events, one pipelined statement each, in one implicit transaction.
   *
   * @return one row set per run, in order: a row when the run changed the job, none when stale
   */
  Uni<RowSet<Row>> applyWorkerEvents(List<EventRun> runs) {
    List<Tuple> rows = new ArrayList<>(runs.size());
    for (EventRun run : runs) {
      rows.add(run.toTuple());
    }
    return pool.preparedQuery(APPLY_WORKER_EVENTS).executeBatch(rows);
  }

  /** Expires every unfinished job past its deadline; answers their ids. */
  Uni<List<String>> expireOverdue() {
    return pool.query(EXPIRE)
        .execute()
        .map(
            rows -> {
              List<String> ids = new ArrayList<>(rows.size());
              rows.forEach(row -> ids.add(row.getString("id")));
              return ids;
            });
  }

  /**
   * Re-queues or fails stalled jobs; each re-queued job's new command, encoded by {@code command}
   * from the job's row, goes to the outbox in the same transaction.
   *
   * @return the re-queued jobs' rows (id, tenant_id, attempt, input, input_key, pipeline, priority,
   *     deadline, created_at)
   */
  Uni<List<Row>> retryStalled(
      Duration stallTimeout, int maxAttempts, Function<Row, byte[]> command) {
    return pool.withTransaction(
        connection ->
            connection
                .preparedQuery(RETRY_STALLED)
                .execute(Tuple.of(stallTimeout.toMillis() / 1000.0, maxAttempts))
                .chain(
                    rows -> {
                      List<Row> requeued = new ArrayList<>(rows.size());
                      List<Tuple> commands = new ArrayList<>(rows.size());
                      for (Row row : rows) {
                        requeued.add(row);
                        commands.add(
                            new OutboxMessage(Topics.JOBS, row.getString("id"), command.apply(row))
                                .toTuple());
                      }
                      if (commands.isEmpty()) {
                        return Uni.createFrom().item(requeued);
                      }
                      return connection
                          .preparedQuery(OutboxMessage.INSERT)
                          .executeBatch(commands)
                          .replaceWith(requeued);
                    }));
  }

  /**
   * Cancels the tenant's job if it is still queued or processing, with its cancel command.
   *
   * @return the status the job had before, or null when it is not the tenant's
   */
  Uni<JobStatus> cancel(String tenantId, String jobId, byte[] command) {
    return pool.withTransaction(
        connection ->
            connection
                .preparedQuery(CANCEL)
                .execute(Tuple.of(jobId, tenantId, Topics.JOB_CONTROL, Buffer.buffer(command)))
                .map(
                    rows ->
                        rows.size() == 0
                            ? null
                            : JobStatus.ofWire(rows.iterator().next().getString("status"))));
  }

  private static Tuple acceptRow(NewJob pending) {
    Job job = pending.job();
    return Tuple.from(
        Arrays.asList(
            job.id,
            job.tenantId,
            job.preset,
            job.input,
            job.inputKey,
            job.pipeline,
            job.priority,
            job.deadline == null ? null : job.deadline.atOffset(ZoneOffset.UTC),
            job.metadata,
            job.idempotencyKey,
            job.webhookUrl,
            job.webhookEvents,
            utc(job),
            Topics.JOBS,
            Buffer.buffer(pending.command())));
  }

  private static OffsetDateTime utc(Job job) {
    return job.createdAt.atOffset(ZoneOffset.UTC);
  }

  /** A job to accept with its encoded command. */
  record NewJob(Job job, byte[] command) {}
}
