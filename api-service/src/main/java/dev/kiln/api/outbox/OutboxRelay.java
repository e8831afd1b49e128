package dev.kiln.api.outbox;

import dev.kiln.api.tracing.TraceContext;
import dev.kiln.model.kafka.Topics;
import io.quarkus.logging.Log;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.TracingMetadata;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.eclipse.microprofile.reactive.messaging.OnOverflow;

/**
 * Publishes outbox rows to Kafka. A drain claims a batch with {@code FOR UPDATE SKIP LOCKED} (so
 * API replicas share the work), sends it, and deletes it in the same transaction only once Kafka
 * acknowledged every record: a crash or a Kafka outage leaves the rows for the next drain. Drains
 * start right after a commit that wrote rows ({@link #wake()}) and on a timer that covers rows left
 * by an outage or by another replica's crash.
 *
 * <p>The delete commits asynchronously ({@code synchronous_commit = off}): it does not wait for the
 * WAL flush, so the next drain starts without a fsync in between. Losing such a delete in a
 * database crash only re-sends records Kafka already has, a duplicate that consumers handle (DESIGN
 * §2: workers process at least once, events apply idempotently); the rows' insert, the promise
 * behind a 202, still commits synchronously.
 */
@ApplicationScoped
public class OutboxRelay {

  static final int BATCH = 500;

  private static final String CLAIM =
      "delete from outbox where id in (select id from outbox order by id limit $1 for update skip locked)"
          + " returning id, topic, message_key, payload, trace_parent, trace_state";
  private static final String ASYNC_COMMIT = "set local synchronous_commit = off";
  private static final Duration SEND_TIMEOUT = Duration.ofSeconds(30);

  private final Pool pool;
  private final Map<String, MutinyEmitter<byte[]>> emitters;
  private final AtomicBoolean draining = new AtomicBoolean();
  private final AtomicBoolean wanted = new AtomicBoolean();

  public OutboxRelay(
      Pool pool,
      @Channel(Topics.JOBS) @OnOverflow(value = OnOverflow.Strategy.BUFFER, bufferSize = 4096)
          MutinyEmitter<byte[]> jobs,
      @Channel(Topics.JOB_CONTROL) MutinyEmitter<byte[]> control) {
    this.pool = pool;
    this.emitters = Map.of(Topics.JOBS, jobs, Topics.JOB_CONTROL, control);
  }

  /** Asks for a drain soon; cheap and safe to call from any thread, any number of times. */
  public void wake() {
    wanted.set(true);
    if (draining.compareAndSet(false, true)) {
      drainLoop();
    }
  }

  @Scheduled(
      every = "${kiln.outbox.poll-interval:2s}",
      concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
      skipExecutionIf = Scheduled.ApplicationNotRunning.class)
  void poll() {
    wake();
  }

  private void drainLoop() {
    wanted.set(false);
    pool.withTransaction(this::drainBatch)
        .subscribe()
        .with(
            sent -> {
              draining.set(false);
              if (sent == BATCH || wanted.get()) {
                wake();
              }
            },
            failure -> {
              draining.set(false);
              Log.warnf(
                  "Outbox relay: Kafka did not take the batch, will retry: %s",
                  failure.getMessage());
            });
  }

  private Uni<Integer> drainBatch(SqlConnection connection) {
    return connection
        .query(ASYNC_COMMIT)
        .execute()
        .chain(() -> connection.preparedQuery(CLAIM).execute(Tuple.of(BATCH)))
        .chain(
            rows -> {
              List<Uni<Void>> sends = new ArrayList<>(rows.size());
              for (Row row : rows) {
                sends.add(send(row));
              }
              if (sends.isEmpty()) {
                return Uni.createFrom().item(0);
              }
              return Uni.join()
                  .all(sends)
                  .andFailFast()
                  .ifNoItem()
                  .after(SEND_TIMEOUT)
                  .fail()
                  .replaceWith(sends.size());
            });
  }

  private Uni<Void> send(Row row) {
    MutinyEmitter<byte[]> emitter = emitters.get(row.getString("topic"));
    if (emitter == null) {
      Log.errorf(
          "Outbox row %d names unknown topic %s; dropped",
          row.getLong("id"), row.getString("topic"));
      return Uni.createFrom().voidItem();
    }
    OutgoingKafkaRecordMetadata<String> key =
        OutgoingKafkaRecordMetadata.<String>builder().withKey(row.getString("message_key")).build();
    // The record continues the trace of the request that wrote the row (the producer span and the
    // traceparent header follow from it when tracing is on), never the relay's own context.
    TraceContext trace =
        new TraceContext(row.getString("trace_parent"), row.getString("trace_state"));
    return emitter.sendMessage(
        Message.of(row.getBuffer("payload").getBytes())
            .addMetadata(key)
            .addMetadata(TracingMetadata.withCurrent(trace.toContext())));
  }
}
