package dev.kiln.api.support;

import static java.nio.charset.StandardCharsets.UTF_8;

import dev.kiln.model.jobs.JobCommand;
import dev.kiln.model.json.JsonCodec;
import dev.kiln.model.kafka.Topics;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.eclipse.microprofile.config.ConfigProvider;

/** Plain Kafka clients on the test broker: read what the API published, play a worker's part. */
public final class TestKafka {

  private static final JsonCodec<JobCommand> COMMANDS = JsonCodec.of(JobCommand.class);

  private static KafkaProducer<String, byte[]> producer;
  private static String producerBootstrap;

  private TestKafka() {}

  private static String bootstrap() {
    return ConfigProvider.getConfig().getValue("kafka.bootstrap.servers", String.class);
  }

  /** Sends one record and waits for the broker's acknowledgement. */
  public static void send(String topic, String key, byte[] value) {
    send(topic, key, value, Map.of());
  }

  /** Sends one record with these headers and waits for the broker's acknowledgement. */
  public static void send(String topic, String key, byte[] value, Map<String, String> headers) {
    ProducerRecord<String, byte[]> record = new ProducerRecord<>(topic, key, value);
    headers.forEach((name, header) -> record.headers().add(name, header.getBytes(UTF_8)));
    try {
      producer().send(record).get();
    } catch (Exception e) {
      throw new IllegalStateException("cannot send to " + topic, e);
    }
  }

  /** One producer per broker address for the whole run (the address changes with the profile). */
  private static synchronized KafkaProducer<String, byte[]> producer() {
    String bootstrap = bootstrap();
    if (producer == null || !bootstrap.equals(producerBootstrap)) {
      if (producer != null) {
        producer.close(Duration.ofSeconds(1));
      }
      Properties props = new Properties();
      props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
      props.put(ProducerConfig.ACKS_CONFIG, "all");
      producer = new KafkaProducer<>(props, new StringSerializer(), new ByteArraySerializer());
      producerBootstrap = bootstrap;
    }
    return producer;
  }

  /** Reads the topic from the beginning until a record with this key is found. */
  public static List<ConsumerRecord<String, byte[]>> awaitRecords(
      String topic, Predicate<ConsumerRecord<String, byte[]>> match, int count, Duration timeout) {
    Properties props = new Properties();
    props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap());
    props.put(ConsumerConfig.GROUP_ID_CONFIG, "test-" + UUID.randomUUID());
    props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    List<ConsumerRecord<String, byte[]>> found = new ArrayList<>();
    try (var consumer =
        new KafkaConsumer<>(props, new StringDeserializer(), new ByteArrayDeserializer())) {
      consumer.subscribe(List.of(topic));
      Instant end = Instant.now().plus(timeout);
      while (found.size() < count && Instant.now().isBefore(end)) {
        for (var record : consumer.poll(Duration.ofMillis(200))) {
          if (match.test(record)) {
            found.add(record);
          }
        }
      }
    }
    return found;
  }

  /** The job command the outbox relay published for {@code jobId} (fails when none within 20 s). */
  public static JobCommand awaitCommand(String jobId) {
    List<ConsumerRecord<String, byte[]>> records =
        awaitRecords(Topics.JOBS, r -> jobId.equals(r.key()), 1, Duration.ofSeconds(20));
    if (records.isEmpty()) {
      throw new AssertionError("no command for " + jobId + " on " + Topics.JOBS + " within 20 s");
    }
    return COMMANDS.decode(records.getFirst().value());
  }
}
