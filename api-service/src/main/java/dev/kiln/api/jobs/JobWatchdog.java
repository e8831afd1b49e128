package dev.kiln.api.jobs;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.kiln.api.config.JobsConfig;
import dev.kiln.api.outbox.OutboxRelay;
import dev.kiln.model.jobs.JobCommand;
import dev.kiln.model.jobs.JobInput;
import dev.kiln.model.json.JsonCodec;
import dev.kiln.model.json.KilnJson;
import dev.kiln.model.pipeline.Step;
import io.quarkus.logging.Log;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.OffsetDateTime;
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

  private final JobTransitions transitions;
  private final JobsConfig config;
  private final OutboxRelay relay;

  public JobWatchdog(JobTransitions transitions, JobsConfig config, OutboxRelay relay) {
    this.transitions = transitions;
    this.config = config;
    this.relay = relay;
  }

  @Scheduled(
      every = "${kiln.jobs.stall-check-interval:15s}",
      delayed = "5s",
      concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
      skipExecutionIf = Scheduled.ApplicationNotRunning.class)
  Uni<Void> check() {
    return transitions
        .expireOverdue()
        .invoke(ids -> ids.forEach(id -> Log.infof("job %s expired", id)))
        .chain(
            () ->
                transitions.retryStalled(
                    config.stallTimeout(), config.maxAttempts(), JobWatchdog::toCommand))
        .invoke(
            requeued -> {
              requeued.forEach(
                  row ->
                      Log.infof(
                          "job %s stalled; re-queued as attempt %d",
                          row.getString("id"), row.getInteger("attempt")));
              if (!requeued.isEmpty()) {
                relay.wake();
              }
            })
        .onFailure()
        .invoke(e -> Log.warnf("Job watchdog pass failed, next pass retries: %s", e.getMessage()))
        .onFailure()
        .recoverWithNull()
        .replaceWithVoid();
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
