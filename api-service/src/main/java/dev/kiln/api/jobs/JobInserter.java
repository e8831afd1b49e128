package dev.kiln.api.jobs;

import dev.kiln.api.config.JobsConfig;
import dev.kiln.api.db.GroupCommit;
import dev.kiln.api.lanes.JobDispatcher;
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
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Writes accepted jobs, many submits per transaction (group commit). While one transaction runs,
 * the submits that arrive wait for the next, which takes them all (up to {@link #MAX_BATCH}): a
 * lone submit goes at once, and under load a fsync and a few round trips serve a whole batch
 * instead of one job. Each job is durable before its 202 is sent; it waits in its lane until the
 * {@link dev.kiln.api.lanes.JobDispatcher} hands it to the workers.
 *
 * <p>One submit never fails another: inputs are validated before they get here, and what only the
 * database can tell (a missing media, a reused idempotency key, too few credits) fails the submit
 * it concerns alone. A database error fails every submit of its batch (with the error a lone submit
 * would get): such an error is the database's, not one request's.
 */
@ApplicationScoped
public class JobInserter {

  static final int MAX_BATCH = 256;

  private static final String FIND_MEDIA =
      "select id, tenant_id, storage_key from media where id = any($1)";

  /** Batches take locks in this order: tenant, then idempotency key (none first). */
  private static final Comparator<Pending> LOCK_ORDER =
      Comparator.<Pending, String>comparing(p -> p.job().tenantId)
          .thenComparing(p -> p.job().idempotencyKey, Comparator.nullsFirst(String::compareTo));

  private final Pool pool;
  private final JobTransitions transitions;
  private final JobReader reader;
  private final JobDispatcher dispatcher;
  private final Duration keyTtl;
  private final GroupCommit<Pending> batches = new GroupCommit<>(MAX_BATCH, this::writeBatch);

  public JobInserter(
      Pool pool,
      JobTransitions transitions,
      JobReader reader,
      JobDispatcher dispatcher,
      JobsConfig config) {
    this.pool = pool;
    this.transitions = transitions;
    this.reader = reader;
    this.dispatcher = dispatcher;
    this.keyTtl = config.idempotencyKeyTtl();
  }

  /**
   * Inserts a job (its input key resolved here from {@code mediaId}, when given).
   *
   * @return the job once committed or, when its idempotency key names the same request already, the
   *     job that request created; fails with {@code media_not_found}, {@code
   *     idempotency_key_reused} or {@code insufficient_credits}
   */
  public Uni<Accepted> insert(JobTransitions.NewJob job, String mediaId) {
    return Uni.createFrom()
        .<JobTransitions.AcceptOutcome>emitter(
            emitter -> batches.add(new Pending(job, mediaId, emitter)))
        .chain(outcome -> result(job.job(), outcome));
  }

  /** A job as accepted, and whether it was created by an earlier request with the same key. */
  public record Accepted(Job job, boolean replayed) {}

  private Uni<Accepted> result(Job job, JobTransitions.AcceptOutcome outcome) {
    return switch (outcome.outcome()) {
      case "accepted" -> Uni.createFrom().item(new Accepted(job, false));
      case "replayed" ->
          reader
              .findOwned(job.tenantId, List.of(outcome.jobId()))
              .map(found -> new Accepted(found.getFirst(), true));
      case "key_reused" ->
          Uni.createFrom()
              .failure(
                  new ApiException(
                      ProblemCode.IDEMPOTENCY_KEY_REUSED,
                      "Idempotency-Key '"
                          + job.idempotencyKey
                          + "' was used with another request (endpoint or body) within its"
                          + " lifetime; use a new key for a new request",
                      List.of(new Violation("Idempotency-Key", "names another request"))));
      case "insufficient_credits" ->
          Uni.createFrom()
              .failure(
                  new ApiException(
                          ProblemCode.INSUFFICIENT_CREDITS,
                          "The job costs "
                              + job.credits
                              + " credit(s) and the account has "
                              + outcome.balance())
                      .with("balance", outcome.balance())
                      .with("cost", job.credits));
      default -> throw new IllegalStateException("unknown outcome " + outcome.outcome());
    };
  }

  /** A submit waiting for its batch. */
  private record Pending(
      JobTransitions.NewJob newJob,
      String mediaId,
      UniEmitter<? super JobTransitions.AcceptOutcome> emitter) {
    Job job() {
      return newJob.job();
    }
  }

  private Uni<Void> writeBatch(List<Pending> batch) {
    Map<Pending, JobTransitions.AcceptOutcome> outcomes = new LinkedHashMap<>();
    return pool.withTransaction(connection -> write(connection, batch, outcomes))
        .invoke(
            () -> {
              outcomes.forEach((p, outcome) -> p.emitter().complete(outcome));
              dispatcher.wake();
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
   * outcomes} gets each accepted submit's outcome.
   */
  private Uni<Void> write(
      SqlConnection connection,
      List<Pending> batch,
      Map<Pending, JobTransitions.AcceptOutcome> outcomes) {
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
          }
          if (accepted.isEmpty()) {
            return Uni.createFrom().voidItem();
          }
          accepted.sort(LOCK_ORDER);
          return transitions
              .accept(connection, accepted.stream().map(Pending::newJob).toList(), keyTtl)
              .invoke(
                  results -> {
                    for (int i = 0; i < accepted.size(); i++) {
                      outcomes.put(accepted.get(i), results.get(i));
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
