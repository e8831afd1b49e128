package dev.kiln.api.lanes;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.kiln.model.jobs.JobCommand;
import dev.kiln.model.jobs.JobInput;
import dev.kiln.model.json.JsonCodec;
import dev.kiln.model.json.KilnJson;
import dev.kiln.model.pipeline.Step;
import io.vertx.mutiny.sqlclient.Row;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.OffsetDateTime;
import java.util.List;

/**
 * A job row's command to the workers: what the dispatcher publishes when the job leaves its lane.
 */
final class JobCommands {

  private static final ObjectMapper JSON = KilnJson.mapper();
  private static final JsonCodec<JobCommand> COMMANDS = JsonCodec.of(JobCommand.class);
  private static final TypeReference<List<Step>> STEPS = new TypeReference<>() {};

  private JobCommands() {}

  /**
   * @param row id, tenant_id, attempt, input, input_key, pipeline, priority, deadline, created_at
   */
  static byte[] encode(Row row) {
    try {
      OffsetDateTime deadline = row.getOffsetDateTime("deadline");
      return COMMANDS.encode(
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
              row.getOffsetDateTime("created_at").toInstant()));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
