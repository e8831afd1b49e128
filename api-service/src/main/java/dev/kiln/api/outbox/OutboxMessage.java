package dev.kiln.api.outbox;

import dev.kiln.api.tracing.TraceContext;
import io.vertx.core.buffer.Buffer;
import io.vertx.mutiny.sqlclient.Tuple;
import java.util.Arrays;

/**
 * A Kafka record waiting to be published: written in the same transaction as the state change it
 * announces, deleted by {@link OutboxRelay} once Kafka acknowledged it.
 *
 * @param trace the trace the record continues when published ({@link TraceContext#NONE}: none)
 */
public record OutboxMessage(String topic, String key, byte[] payload, TraceContext trace) {

  /** The statement that writes a message from {@link #toTuple()}'s parameters. */
  public static final String INSERT =
      "insert into outbox (topic, message_key, payload, trace_parent, trace_state)"
          + " values ($1, $2, $3, $4, $5)";

  /** The parameters of {@link #INSERT}. */
  public Tuple toTuple() {
    return Tuple.from(
        Arrays.asList(topic, key, Buffer.buffer(payload), trace.traceParent(), trace.traceState()));
  }
}
