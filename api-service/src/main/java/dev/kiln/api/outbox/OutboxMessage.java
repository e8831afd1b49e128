package dev.kiln.api.outbox;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import io.vertx.core.buffer.Buffer;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/**
 * A Kafka record waiting to be published: written in the same transaction as the state change it
 * announces, deleted by {@link OutboxRelay} once Kafka acknowledged it.
 */
@Entity
@Table(name = "outbox")
public class OutboxMessage extends PanacheEntityBase {

  /** The statement that writes an outbox row from {@link #row}'s parameters. */
  public static final String INSERT =
      "insert into outbox (topic, message_key, payload) values ($1, $2, $3)";

  @Id
  @GeneratedValue(strategy = GenerationType.IDENTITY)
  public Long id;

  public String topic;

  @Column(name = "message_key")
  public String messageKey;

  public byte[] payload;

  /** The parameters of {@link #INSERT}. */
  public static Tuple row(String topic, String key, byte[] payload) {
    return Tuple.of(topic, key, Buffer.buffer(payload));
  }

  public static OutboxMessage of(String topic, String key, byte[] payload) {
    OutboxMessage message = new OutboxMessage();
    message.topic = topic;
    message.messageKey = key;
    message.payload = payload;
    return message;
  }
}
