package dev.kiln.api.outbox;

import io.vertx.core.buffer.Buffer;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * A Kafka record waiting to be published: written in the same transaction as the state change it
 * announces, deleted by {@link OutboxRelay} once Kafka acknowledged it.
 */
public record OutboxMessage(String topic, String key, byte[] payload) {

  /** The statement that writes a message from {@link #toTuple()}'s parameters. */
  public static final String INSERT =
      "insert into outbox (topic, message_key, payload) values ($1, $2, $3)";

  /** The parameters of {@link #INSERT}. */
  public Tuple toTuple() {
    return Tuple.of(topic, key, Buffer.buffer(payload));
  }
}
