package dev.kiln.api.jobs;

import dev.kiln.api.outbox.OutboxRelay;
import dev.kiln.api.problems.ApiException;
import dev.kiln.api.problems.ProblemCode;
import dev.kiln.model.kafka.Topics;
import dev.kiln.model.validation.Violation;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.subscription.UniEmitter;
import io.vertx.core.buffer.Buffer;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;

/**
 * Writes accepted jobs with their outbox commands, many submits per transaction (group commit).
 * While one transaction runs, the submits that arrive wait for the next, which takes them all (up
 * to {@link #MAX_BATCH}): a lone submit goes at once, and under load a fsync and three round trips
 * serve a whole batch instead of one job. Each job is still durable, with its command in the same
 * transaction, before its 202 is sent. A database error fails every submit of its batch (with the
 * error a lone submit would get); the rows are validated before they get here, so such an error is
 * the database's, not one request's. A missing media fails only its own submit.
 */
@ApplicationScoped
public class JobInserter {

  static final int MAX_BATCH = 256;

  private static final String FIND_MEDIA =
      "select id, tenant_id, storage_key from media where id = any($1)";
  private static final String INSERT_JOB =
      """
      insert into jobs (id, tenant_id, status, preset, input, input_key, pipeline, priority,
                        deadline, metadata, attempt, created_at, updated_at)
      values ($1, $2, 'queued', $3, $4, $5, $6, $7, $8, $9, $10, $11, $11)
      """;
  private static final String ENQUEUE =
      "insert into outbox (topic, message_key, payload) values ($1, $2, $3)";

  private final Pool pool;
  private final OutboxRelay relay;
  private final Queue<Pending> queue = new ConcurrentLinkedQueue<>();
  private final AtomicBoolean writing = new AtomicBoolean();

  public JobInserter(Pool pool, OutboxRelay relay) {
    this.pool = pool;
    this.relay = relay;
  }

  /**
   * Inserts {@code job} (its {@code inputKey} resolved here from {@code mediaId}) and its command.
   *
   * @param command the encoded command, given the resolved input key
   * @return the job, once committed; fails with {@code media_not_found} when the media is missing
   *     or another tenant's
   */
  public Uni<Job> insert(Job job, String mediaId, Function<String, byte[]> command) {
    return Uni.createFrom()
        .emitter(
            emitter -> {
              queue.add(new Pending(job, mediaId, command, emitter));
              if (writing.compareAndSet(false, true)) {
                writeBatch();
              }
            });
  }

  private record Pending(
      Job job, String mediaId, Function<String, byte[]> command, UniEmitter<? super Job> emitter) {}

  private void writeBatch() {
    List<Pending> batch = new ArrayList<>();
    Pending next;
    while (batch.size() < MAX_BATCH && (next = queue.poll()) != null) {
      batch.add(next);
    }
    if (batch.isEmpty()) {
      writing.set(false);
      // A submit may have queued between the last poll and the flag reset.
      if (!queue.isEmpty() && writing.compareAndSet(false, true)) {
        writeBatch();
      }
      return;
    }
    List<Pending> written = new ArrayList<>(batch.size());
    pool.withTransaction(connection -> write(connection, batch, written))
        .subscribe()
        .with(
            ignored -> {
              written.forEach(p -> p.emitter().complete(p.job()));
              relay.wake();
              writeBatch();
            },
            failure -> {
              // Nothing of the batch was committed (an emitter already failed ignores this).
              batch.forEach(p -> p.emitter().fail(failure));
              writeBatch();
            });
  }

  /** Resolves the inputs, fails the submits whose media is missing, inserts the rest. */
  private Uni<Void> write(SqlConnection connection, List<Pending> batch, List<Pending> written) {
    String[] mediaIds = batch.stream().map(Pending::mediaId).distinct().toArray(String[]::new);
    return connection
        .preparedQuery(FIND_MEDIA)
        .execute(Tuple.of(mediaIds))
        .chain(
            rows -> {
              Map<String, Row> media = new HashMap<>();
              rows.forEach(row -> media.put(row.getString("id"), row));
              List<Tuple> jobs = new ArrayList<>(batch.size());
              List<Tuple> commands = new ArrayList<>(batch.size());
              for (Pending pending : batch) {
                Row found = media.get(pending.mediaId());
                if (found == null || !found.getString("tenant_id").equals(pending.job().tenantId)) {
                  pending.emitter().fail(mediaNotFound(pending.mediaId()));
                  continue;
                }
                Job job = pending.job();
                job.inputKey = found.getString("storage_key");
                jobs.add(jobRow(job));
                commands.add(
                    Tuple.of(
                        Topics.JOBS, job.id, Buffer.buffer(pending.command().apply(job.inputKey))));
                written.add(pending);
              }
              if (jobs.isEmpty()) {
                return Uni.createFrom().voidItem();
              }
              return connection
                  .preparedQuery(INSERT_JOB)
                  .executeBatch(jobs)
                  .chain(() -> connection.preparedQuery(ENQUEUE).executeBatch(commands))
                  .replaceWithVoid();
            });
  }

  private static Tuple jobRow(Job job) {
    return Tuple.from(
        java.util.Arrays.asList(
            job.id,
            job.tenantId,
            job.preset,
            job.input,
            job.inputKey,
            job.pipeline,
            job.priority,
            job.deadline == null ? null : job.deadline.atOffset(ZoneOffset.UTC),
            job.metadata,
            job.attempt,
            utc(job.createdAt)));
  }

  private static java.time.OffsetDateTime utc(Instant instant) {
    return instant.atOffset(ZoneOffset.UTC);
  }

  private static ApiException mediaNotFound(String mediaId) {
    return new ApiException(
        ProblemCode.MEDIA_NOT_FOUND,
        "Media " + mediaId + " does not exist",
        List.of(new Violation("input.media_id", "no such media object")));
  }
}
