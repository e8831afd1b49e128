package dev.kiln.api.jobs;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.kiln.api.config.JobsConfig;
import dev.kiln.api.outbox.OutboxRelay;
import dev.kiln.model.jobs.JobCommand;
import dev.kiln.model.jobs.JobInput;
import dev.kiln.model.json.JsonCodec;
import dev.kiln.model.json.KilnJson;
import dev.kiln.model.kafka.Topics;
import dev.kiln.model.pipeline.Step;
import io.quarkus.logging.Log;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import io.vertx.core.buffer.Buffer;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;

/**
 * Keeps the promise that every accepted job ends: a job processing with no event for {@code
 * kiln.jobs.stall-timeout} is re-published as a new attempt (older attempts' events are then
 * ignored) until {@code max-attempts}, then failed with {@code stalled}; a job past its deadline is
 * expired. Replicas share the work through {@code FOR UPDATE SKIP LOCKED}.
 */
@ApplicationScoped
public class JobWatchdog {

  private static final ObjectMapper JSON = KilnJson.mapper();
  private static final JsonCodec<JobCommand> COMMANDS = JsonCodec.of(JobCommand.class);
  private static final TypeReference<List<Step>> STEPS = new TypeReference<>() {};

  private static final String EXPIRE =
      """
      update jobs set status = 'expired', completed_at = now(), updated_at = now(),
             error_code = 'timeout', error_message = 'The job passed its deadline',
             error_retryable = true
      where status in ('queued', 'processing') and deadline < now()
      returning id
      """;

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

  private static final String ENQUEUE =
      "insert into outbox (topic, message_key, payload) values ($1, $2, $3)";

  private final Pool pool;
  private final JobsConfig config;
  private final OutboxRelay relay;

  public JobWatchdog(Pool pool, JobsConfig config, OutboxRelay relay) {
    this.pool = pool;
    this.config = config;
    this.relay = relay;
  }

  @Scheduled(
      every = "${kiln.jobs.stall-check-interval:15s}",
      delayed = "5s",
      concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
      skipExecutionIf = Scheduled.ApplicationNotRunning.class)
  Uni<Void> check() {
    return pool.query(EXPIRE)
        .execute()
        .invoke(rows -> rows.forEach(row -> Log.infof("job %s expired", row.getString("id"))))
        .chain(() -> pool.withTransaction(this::retryStalled))
        .invoke(
            retried -> {
              if (retried > 0) {
                relay.wake();
              }
            })
        .onFailure()
        .invoke(e -> Log.warnf("Job watchdog pass failed, next pass retries: %s", e.getMessage()))
        .onFailure()
        .recoverWithNull()
        .replaceWithVoid();
  }

  private Uni<Integer> retryStalled(SqlConnection connection) {
    return connection
        .preparedQuery(RETRY_STALLED)
        .execute(Tuple.of(config.stallTimeout().toMillis() / 1000.0, config.maxAttempts()))
        .chain(
            rows -> {
              if (rows.size() == 0) {
                return Uni.createFrom().item(0);
              }
              List<Tuple> commands = new ArrayList<>(rows.size());
              for (Row row : rows) {
                Log.infof(
                    "job %s stalled; re-queued as attempt %d",
                    row.getString("id"), row.getInteger("attempt"));
                commands.add(
                    Tuple.of(Topics.JOBS, row.getString("id"), Buffer.buffer(toCommand(row))));
              }
              return connection
                  .preparedQuery(ENQUEUE)
                  .executeBatch(commands)
                  .replaceWith(commands.size());
            });
  }

  private static byte[] toCommand(Row row) {
    try {
      OffsetDateTime deadline = row.getOffsetDateTime("deadline");
      JobCommand command =
          new JobCommand(
              JobCommand.VERSION,
              row.getString("id"),
              row.getString("tenant_id"),
              row.getInteger("attempt"),
              JSON.readValue(row.getString("input"), JobInput.class),
              row.getString("input_key"),
              JSON.readValue(row.getString("pipeline"), STEPS),
              row.getInteger("priority"),
              deadline == null ? null : deadline.toInstant(),
              row.getOffsetDateTime("created_at").toInstant());
      return COMMANDS.encode(command);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
