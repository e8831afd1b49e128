package dev.kiln.e2e.drills;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.kiln.model.kafka.Topics;
import java.io.IOException;
import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * How often the workers started each job, read from the workers' own events on {@code
 * kiln.job-events} (from the first record, without joining a consumer group): a job started more
 * than once was redelivered after a crash or a rebalance, or re-published by the API's watchdog.
 * The API applies only the newest of such events, so a client never sees this; an operator does.
 */
final class Redeliveries {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Duration READ_TIMEOUT = Duration.ofSeconds(60);

  private Redeliveries() {}

  /** Jobs among {@code jobIds} that a worker started more than once. */
  static int count(String bootstrapServers, Collection<String> jobIds) {
    Set<String> wanted = new HashSet<>(jobIds);
    Map<String, Integer> starts = new HashMap<>();
    try (KafkaConsumer<String, byte[]> consumer = consumer(bootstrapServers)) {
      List<TopicPartition> partitions =
          consumer.partitionsFor(Topics.JOB_EVENTS).stream()
              .map(info -> new TopicPartition(info.topic(), info.partition()))
              .toList();
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
      Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
      long deadline = System.nanoTime() + READ_TIMEOUT.toNanos();
      while (!caughtUp(consumer, end)) {
        if (System.nanoTime() > deadline) {
          throw new IllegalStateException("kiln.job-events not read within " + READ_TIMEOUT);
        }
        for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(500))) {
          if (wanted.contains(record.key()) && isStart(record.value())) {
            starts.merge(record.key(), 1, Integer::sum);
          }
        }
      }
    }
    return (int) starts.values().stream().filter(count -> count > 1).count();
  }

  private static boolean isStart(byte[] value) {
    try {
      JsonNode event = JSON.readTree(value);
      return "started".equals(event.path("type").asText());
    } catch (IOException e) {
      return false;
    }
  }

  private static boolean caughtUp(KafkaConsumer<?, ?> consumer, Map<TopicPartition, Long> end) {
    return end.entrySet().stream()
        .allMatch(partition -> consumer.position(partition.getKey()) >= partition.getValue());
  }

  private static KafkaConsumer<String, byte[]> consumer(String bootstrapServers) {
    Properties config = new Properties();
    config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
    config.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, "5000");
    return new KafkaConsumer<>(config, new StringDeserializer(), new ByteArrayDeserializer());
  }
}
