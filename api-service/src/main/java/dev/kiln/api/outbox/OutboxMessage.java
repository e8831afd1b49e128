package dev.kiln.api.outbox;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
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

  @Id
  @GeneratedValue(strategy = GenerationType.IDENTITY)
  public Long id;

  public String topic;

  @Column(name = "message_key")
  public String messageKey;

  public byte[] payload;

  public static OutboxMessage of(String topic, String key, byte[] payload) {
    OutboxMessage message = new OutboxMessage();
    message.topic = topic;
    message.messageKey = key;
    message.payload = payload;
    return message;
  }
}
