package dev.kiln.api.jobs;

import dev.kiln.api.db.GroupCommit;
import dev.kiln.api.outbox.OutboxRelay;
import dev.kiln.api.problems.ApiException;
import dev.kiln.api.problems.ProblemCode;
import dev.kiln.model.validation.Violation;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.subscription.UniEmitter;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

/**
 * Writes accepted jobs with their outbox commands, many submits per transaction (group commit).
 * While one transaction runs, the submits that arrive wait for the next, which takes them all (up
 * to {@link #MAX_BATCH}): a lone submit goes at once, and under load a fsync and two round trips
 * serve a whole batch instead of one job. Each job is still durable, with its command in the same
 * transaction, before its 202 is sent. A database error fails every submit of its batch (with the
 * error a lone submit would get); the rows are validated before they get here, so such an error is
 * the database's, not one request's. A missing media fails only its own submit; a taken idempotency
 * key answers the job that took it.
 */
@ApplicationScoped
public class JobInserter {

  static final int MAX_BATCH = 256;

  private static final String FIND_MEDIA =
      "select id, tenant_id, storage_key from media where id = any($1)";

  private final Pool pool;
  private final JobTransitions transitions;
  private final JobReader reader;
  private final OutboxRelay relay;
  private final GroupCommit<Pending> batches = new GroupCommit<>(MAX_BATCH, this::writeBatch);

  public JobInserter(Pool pool, JobTransitions transitions, JobReader reader, OutboxRelay relay) {
    this.pool = pool;
    this.transitions = transitions;
    this.reader = reader;
    this.relay = relay;
  }

  /**
   * Inserts {@code job} (its {@code inputKey} resolved here from {@code mediaId}, when given) and
   * its command.
   *
   * @param command the encoded command, given the resolved input key (null for a URL input)
   * @return the job once committed or, when its idempotency key was taken, the job that took it;
   *     fails with {@code media_not_found} when the media is missing or another tenant's
   */
  public Uni<Job> insert(Job job, String mediaId, Function<String, byte[]> command) {
    return Uni.createFrom()
        .<Job>emitter(emitter -> batches.add(new Pending(job, mediaId, command, emitter)))
        .chain(
            written ->
                written != null
                    ? Uni.createFrom().item(written)
                    : reader.findByIdempotencyKey(job.tenantId, job.idempotencyKey));
  }

  /** A submit waiting for its batch; its emitter gets the job, or null for a taken key. */
  private record Pending(
      Job job, String mediaId, Function<String, byte[]> command, UniEmitter<? super Job> emitter) {}

  private Uni<Void> writeBatch(List<Pending> batch) {
    Map<Pending, Boolean> written = new LinkedHashMap<>();
    return pool.withTransaction(connection -> write(connection, batch, written))
        .invoke(
            () -> {
              written.forEach((p, inserted) -> p.emitter().complete(inserted ? p.job() : null));
              relay.wake();
            })
        .onFailure()
        .invoke(
            // Nothing of the batch was committed (an emitter already failed ignores this).
            failure -> batch.forEach(p -> p.emitter().fail(failure)))
        .onFailure()
        .recoverWithNull();
  }

  /**
   * Resolves the inputs, fails the submits whose media is missing, accepts the rest; {@code
   * written} gets each accepted submit and whether its row was inserted.
   */
  private Uni<Void> write(
      SqlConnection connection, List<Pending> batch, Map<Pending, Boolean> written) {
    String[] mediaIds =
        batch.stream()
            .map(Pending::mediaId)
            .filter(Objects::nonNull)
            .distinct()
            .toArray(String[]::new);
    Uni<Map<String, Row>> media =
        mediaIds.length == 0
            ? Uni.createFrom().item(Map.of())
            : connection
                .preparedQuery(FIND_MEDIA)
                .execute(Tuple.of(mediaIds))
                .map(
                    rows -> {
                      Map<String, Row> byId = new HashMap<>();
                      rows.forEach(row -> byId.put(row.getString("id"), row));
                      return byId;
                    });
    return media.chain(
        found -> {
          List<Pending> accepted = new ArrayList<>(batch.size());
          List<JobTransitions.NewJob> jobs = new ArrayList<>(batch.size());
          for (Pending pending : batch) {
            Job job = pending.job();
            if (pending.mediaId() != null) {
              Row row = found.get(pending.mediaId());
              if (row == null || !row.getString("tenant_id").equals(job.tenantId)) {
                pending.emitter().fail(mediaNotFound(pending.mediaId()));
                continue;
              }
              job.inputKey = row.getString("storage_key");
            }
            accepted.add(pending);
            jobs.add(new JobTransitions.NewJob(job, pending.command().apply(job.inputKey)));
          }
          if (jobs.isEmpty()) {
            return Uni.createFrom().voidItem();
          }
          return transitions
              .accept(connection, jobs)
              .invoke(
                  inserted -> {
                    for (int i = 0; i < accepted.size(); i++) {
                      written.put(accepted.get(i), inserted.get(i));
                    }
                  })
              .replaceWithVoid();
        });
  }

  static ApiException mediaNotFound(String mediaId) {
    return new ApiException(
        ProblemCode.MEDIA_NOT_FOUND,
        "Media " + mediaId + " does not exist",
        List.of(new Violation("input.media_id", "no such media object")));
  }
}
