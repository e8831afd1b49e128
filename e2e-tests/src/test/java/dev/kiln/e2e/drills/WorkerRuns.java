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
 * The workers' runs of a drill's jobs, read from their own events on {@code kiln.job-events} (from
 * the first record, without joining a consumer group). The API applies only the newest of a job's
 * events, so a client never sees these; an operator does.
 *
 * @param redelivered jobs that workers started more than once: redelivered after a crash or a
 *     rebalance, or re-published by the API's watchdog
 * @param cutShort jobs with a run that a worker started and never finished (no terminal event from
 *     that worker): a worker killed, or stopped without letting its jobs finish
 */
record WorkerRuns(int redelivered, int cutShort) {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Duration READ_TIMEOUT = Duration.ofSeconds(60);

  /** The runs of {@code jobIds}, from every event on the topic now. */
  static WorkerRuns of(String bootstrapServers, Collection<String> jobIds) {
    Set<String> wanted = new HashSet<>(jobIds);
    Map<String, Integer> starts = new HashMap<>();
    Map<String, Integer> unfinished = new HashMap<>(); // "job worker" -> starts minus ends
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
          if (wanted.contains(record.key())) {
            count(record.key(), record.value(), starts, unfinished);
          }
        }
      }
    }
    int redelivered = (int) starts.values().stream().filter(count -> count > 1).count();
    int cutShort =
        (int)
            unfinished.entrySet().stream()
                .filter(run -> run.getValue() > 0)
                .map(run -> run.getKey().substring(0, run.getKey().indexOf(' ')))
                .distinct()
                .count();
    return new WorkerRuns(redelivered, cutShort);
  }

  private static void count(
      String job, byte[] value, Map<String, Integer> starts, Map<String, Integer> unfinished) {
    JsonNode event;
    try {
      event = JSON.readTree(value);
    } catch (IOException e) {
      return;
    }
    String run = job + " " + event.path("worker").asText() + " " + event.path("attempt").asInt();
    switch (event.path("type").asText()) {
      case "started" -> {
        starts.merge(job, 1, Integer::sum);
        unfinished.merge(run, 1, Integer::sum);
      }
      case "completed", "failed" -> unfinished.merge(run, -1, Integer::sum);
      default -> {}
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
