package dev.kiln.api.jobs;

import dev.kiln.api.tracing.TraceContext;
import dev.kiln.model.kafka.Topics;
import io.smallrye.mutiny.Uni;
import io.vertx.core.buffer.Buffer;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import io.vertx.pgclient.data.Interval;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

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

  /**
   * Accepts one job (see {@code kiln_accept_job} in {@code V4__credits_idempotency_lanes.sql} and
   * {@code V8__trace_context.sql}): checks its idempotency key, reserves its credits, inserts it
   * waiting in its lane with the trace context of its request.
   */
  private static final String ACCEPT =
      "select outcome, job_id, balance from kiln_accept_job($1, $2, $3, $4, $5, $6, $7, $8, $9,"
          + " $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20, $21)";

  /** Takes a batch's metered tenants' locks in one order, before any of its idempotency keys. */
  private static final String LOCK_TENANTS = "select kiln_lock_metered_tenants($1)";

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
        returning id, tenant_id, status, preset, priority, created_at, started_at, completed_at),
      result as (
        insert into media (id, tenant_id, storage_key, mime_type, size_bytes, width, height,
                           source_job_id, created_at)
        select $13, job.tenant_id, $17, $18, $19, $20, $21, job.id, $6
        from job where $13::text is not null
        on conflict (id) do nothing)
      select id, status, preset, priority, created_at, started_at, completed_at from job
      """;

  private static final String EXPIRE =
      """
      update jobs set status = 'expired', completed_at = now(), updated_at = now(),
             error_code = 'timeout', error_message = 'The job passed its deadline',
             error_retryable = true
      where status in ('queued', 'processing') and deadline < now()
      returning id, preset
      """;

  /**
   * Jobs processing with no event for a while: a new attempt (back in its lane, where the
   * dispatcher finds it first: its id is old) or, after the last attempt, failed.
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
        returning j.id, j.attempt, j.preset),
      requeued as (
        update jobs j set status = 'queued', attempt = j.attempt + 1, last_seq = 0,
               progress_percentage = null, progress_step = null, progress_message = null,
               dispatched_at = null, updated_at = now()
        from stalled where j.id = stalled.id and j.attempt < $2
        returning j.id, j.attempt, j.preset)
      select id, attempt, preset, true as requeued from requeued
      union all
      select id, attempt, preset, false from failed
      """;

  /** Cancels a queued or processing job and tells every worker; answers the status it had. */
  private static final String CANCEL =
      """
      with target as (
        select id, status, preset from jobs where id = $1 and tenant_id = $2 for update),
      cancelled as (
        update jobs j set status = 'cancelled', completed_at = now(), updated_at = now()
        from target where j.id = target.id and target.status in ('queued', 'processing')
        returning j.id),
      control as (
        insert into outbox (topic, message_key, payload, trace_parent, trace_state)
        select $3, id, $4, $5, $6 from cancelled)
      select status from target
      """;

  private final Pool pool;

  public JobTransitions(Pool pool) {
    this.pool = pool;
  }

  /**
   * Accepts new jobs, pipelined on {@code connection} (the caller's transaction), in the order of
   * {@code jobs}, which the caller sorts by tenant and key so that batches take locks in one order.
   *
   * @return for each job, in order, the outcome of its acceptance
   */
  Uni<List<AcceptOutcome>> accept(SqlConnection connection, List<NewJob> jobs, Duration keyTtl) {
    List<Tuple> rows = new ArrayList<>(jobs.size());
    for (NewJob job : jobs) {
      rows.add(acceptRow(job, keyTtl));
    }
    String[] tenants = jobs.stream().map(j -> j.job().tenantId).distinct().toArray(String[]::new);
    return connection
        .preparedQuery(LOCK_TENANTS)
        .execute(Tuple.of(tenants))
        .chain(() -> connection.preparedQuery(ACCEPT).executeBatch(rows))
        .map(
            result -> {
              List<AcceptOutcome> outcomes = new ArrayList<>(jobs.size());
              for (RowSet<Row> rowSet = result; rowSet != null; rowSet = rowSet.next()) {
                Row row = rowSet.iterator().next();
                outcomes.add(
                    new AcceptOutcome(
                        row.getString("outcome"), row.getString("job_id"), row.getLong("balance")));
              }
              return outcomes;
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

  /** Expires every unfinished job past its deadline; answers their rows (id, preset). */
  Uni<List<Row>> expireOverdue() {
    return pool.query(EXPIRE)
        .execute()
        .map(
            rows -> {
              List<Row> expired = new ArrayList<>(rows.size());
              rows.forEach(expired::add);
              return expired;
            });
  }

  /**
   * Re-queues or fails stalled jobs.
   *
   * @return the stalled jobs' rows (id, attempt, preset, requeued: false when failed for good)
   */
  Uni<List<Row>> retryStalled(Duration stallTimeout, int maxAttempts) {
    return pool.preparedQuery(RETRY_STALLED)
        .execute(Tuple.of(stallTimeout.toMillis() / 1000.0, maxAttempts))
        .map(
            rows -> {
              List<Row> stalled = new ArrayList<>(rows.size());
              rows.forEach(stalled::add);
              return stalled;
            });
  }

  /**
   * Cancels the tenant's job if it is still queued or processing, with its cancel command.
   *
   * @return the status the job had before, or null when it is not the tenant's
   */
  Uni<JobStatus> cancel(String tenantId, String jobId, byte[] command, TraceContext trace) {
    Tuple parameters =
        Tuple.from(
            Arrays.asList(
                jobId,
                tenantId,
                Topics.JOB_CONTROL,
                Buffer.buffer(command),
                trace.traceParent(),
                trace.traceState()));
    return pool.withTransaction(
        connection ->
            connection
                .preparedQuery(CANCEL)
                .execute(parameters)
                .map(
                    rows ->
                        rows.size() == 0
                            ? null
                            : JobStatus.ofWire(rows.iterator().next().getString("status"))));
  }

  private static Tuple acceptRow(NewJob pending, Duration keyTtl) {
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
            job.webhookUrl,
            job.webhookEvents,
            job.createdAt.atOffset(ZoneOffset.UTC),
            job.credits,
            job.kind,
            job.rerunOf,
            job.idempotencyKey,
            pending.endpoint(),
            pending.bodyHash(),
            Interval.of(0, 0, 0, 0, 0, (int) keyTtl.toSeconds()),
            pending.trace().traceParent(),
            pending.trace().traceState()));
  }

  /**
   * A job to accept.
   *
   * @param endpoint the method and path it was submitted to: its idempotency key's scope
   * @param bodyHash the hash of the request its idempotency key is bound to
   * @param trace the trace context of the request that submitted it, for its command to continue
   */
  record NewJob(Job job, String endpoint, String bodyHash, TraceContext trace) {}

  /**
   * What became of a job to accept.
   *
   * @param outcome {@code accepted}, {@code replayed}, {@code key_reused} or {@code
   *     insufficient_credits}
   * @param jobId the accepted job, or the one its idempotency key names
   * @param balance the tenant's credit balance after the reservation, or before a refusal; null
   *     when unlimited
   */
  record AcceptOutcome(String outcome, String jobId, Long balance) {}
}
