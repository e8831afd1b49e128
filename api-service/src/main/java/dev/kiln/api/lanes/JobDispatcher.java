package dev.kiln.api.lanes;

import dev.kiln.api.outbox.OutboxMessage;
import dev.kiln.api.outbox.OutboxRelay;
import dev.kiln.api.tracing.TraceContext;
import dev.kiln.model.kafka.Topics;
import io.quarkus.logging.Log;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Hands queued jobs to the workers in the order of the lanes: each round takes, from every tenant
 * with waiting jobs, its next jobs by priority then age, and interleaves the tenants turn by turn,
 * so one tenant's burst never sits in front of another tenant's job, and a high-priority job
 * overtakes its tenant's backlog. A round publishes only as many jobs as keep the window of jobs
 * handed over but not yet started at {@link LanesConfig#minAhead()} or {@link
 * LanesConfig#aheadPerRunning()} per running job; the rest wait in PostgreSQL, where their order
 * can still change. The commands go through the outbox in the round's transaction, each with the
 * trace context of the request that submitted its job.
 *
 * <p>Rounds run when a submit commits, when workers' events start or end jobs, and on a timer.
 * Replicas take turns through a transaction-scoped advisory lock.
 */
@ApplicationScoped
public class JobDispatcher {

  static final int MAX_ROUND = 500;

  /** The advisory lock of the dispatch round (any constant unique to it). */
  private static final long ROUND_LOCK = 0x6b696c6e_6c616e65L;

  private static final String WINDOW =
      """
      select pg_try_advisory_xact_lock($1) as locked,
             (select count(*) from jobs where status = 'queued' and dispatched_at is not null)
               as ahead,
             (select count(*) from jobs where status = 'processing') as running
      """;

  /**
   * The next $1 jobs: every waiting tenant's first $1 jobs by (priority, id) are numbered 1, 2, ...
   * (their turns), and turns go first, then priority, then age.
   */
  private static final String DISPATCH =
      """
      with recursive waiting_tenants as (
        (select tenant_id from jobs
         where status = 'queued' and dispatched_at is null
         order by tenant_id limit 1)
        union all
        select (select j.tenant_id from jobs j
                where j.status = 'queued' and j.dispatched_at is null
                  and j.tenant_id > w.tenant_id
                order by j.tenant_id limit 1)
        from waiting_tenants w where w.tenant_id is not null),
      turns as (
        select c.id, c.priority, c.turn
        from waiting_tenants w
        cross join lateral (
          select j.id, j.priority, row_number() over (order by j.priority desc, j.id) as turn
          from jobs j
          where j.tenant_id = w.tenant_id and j.status = 'queued' and j.dispatched_at is null
          order by j.priority desc, j.id
          limit $1) c
        where w.tenant_id is not null),
      picked as (
        select id from turns order by turn, priority desc, id limit $1)
      update jobs j set dispatched_at = now()
      from picked where j.id = picked.id
      returning j.id, j.tenant_id, j.attempt, j.input, j.input_key, j.pipeline, j.priority,
                j.deadline, j.created_at, j.trace_parent, j.trace_state
      """;

  private static final String FAIL_UNREADABLE =
      """
      update jobs set status = 'failed', completed_at = now(), updated_at = now(),
             error_code = 'internal_error', error_retryable = false,
             error_message = 'The job could not be sent to the workers'
      where id = any($1) and status = 'queued'
      """;

  private static final Duration LOCK_RETRY = Duration.ofMillis(50);

  private final Pool pool;
  private final OutboxRelay relay;
  private final LanesConfig config;
  private final AtomicBoolean running = new AtomicBoolean();
  private final AtomicBoolean wanted = new AtomicBoolean();

  public JobDispatcher(Pool pool, OutboxRelay relay, LanesConfig config) {
    this.pool = pool;
    this.relay = relay;
    this.config = config;
  }

  /** Asks for a round soon; cheap and safe to call from any thread, any number of times. */
  public void wake() {
    wanted.set(true);
    if (running.compareAndSet(false, true)) {
      roundLoop();
    }
  }

  @Scheduled(
      every = "${kiln.lanes.poll-interval:1s}",
      concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
      skipExecutionIf = Scheduled.ApplicationNotRunning.class)
  void poll() {
    wake();
  }

  private void roundLoop() {
    wanted.set(false);
    pool.withTransaction(this::round)
        .subscribe()
        .with(
            outcome -> {
              running.set(false);
              if (outcome == Round.DISPATCHED) {
                relay.wake();
              }
              if (outcome == Round.LOCKED_ELSEWHERE) {
                // Another replica is dispatching; it may have started before our jobs committed.
                Uni.createFrom()
                    .voidItem()
                    .onItem()
                    .delayIt()
                    .by(LOCK_RETRY)
                    .subscribe()
                    .with(ignored -> wake());
              } else if (wanted.get()) {
                wake();
              }
            },
            failure -> {
              running.set(false);
              Log.warnf("Dispatch round failed, the next one retries: %s", failure.getMessage());
            });
  }

  private enum Round {
    DISPATCHED,
    NOTHING,
    LOCKED_ELSEWHERE
  }

  private Uni<Round> round(SqlConnection connection) {
    return connection
        .preparedQuery(WINDOW)
        .execute(Tuple.of(ROUND_LOCK))
        .chain(
            rows -> {
              Row window = rows.iterator().next();
              if (!window.getBoolean("locked")) {
                return Uni.createFrom().item(Round.LOCKED_ELSEWHERE);
              }
              int room = room(window.getLong("ahead"), window.getLong("running"));
              if (room <= 0) {
                return Uni.createFrom().item(Round.NOTHING);
              }
              return connection
                  .preparedQuery(DISPATCH)
                  .execute(Tuple.of(room))
                  .chain(picked -> publish(connection, picked));
            });
  }

  /** How many more jobs the window takes. */
  int room(long ahead, long running) {
    long window = Math.max(config.minAhead(), (long) Math.ceil(running * config.aheadPerRunning()));
    return (int) Math.min(MAX_ROUND, window - ahead);
  }

  private Uni<Round> publish(SqlConnection connection, Iterable<Row> picked) {
    List<Tuple> commands = new ArrayList<>();
    List<String> unreadable = new ArrayList<>();
    for (Row row : picked) {
      String id = row.getString("id");
      try {
        TraceContext trace =
            new TraceContext(row.getString("trace_parent"), row.getString("trace_state"));
        commands.add(new OutboxMessage(Topics.JOBS, id, JobCommands.encode(row), trace).toTuple());
      } catch (RuntimeException e) {
        // One job that cannot become a command must not hold up every lane behind it.
        Log.errorf(e, "job %s cannot be sent to the workers; failing it", id);
        unreadable.add(id);
      }
    }
    Uni<Void> failed =
        unreadable.isEmpty()
            ? Uni.createFrom().voidItem()
            : connection
                .preparedQuery(FAIL_UNREADABLE)
                .execute(Tuple.of(unreadable.toArray(String[]::new)))
                .replaceWithVoid();
    if (commands.isEmpty()) {
      return failed.replaceWith(Round.NOTHING);
    }
    return failed
        .chain(() -> connection.preparedQuery(OutboxMessage.INSERT).executeBatch(commands))
        .replaceWith(Round.DISPATCHED);
  }
}
