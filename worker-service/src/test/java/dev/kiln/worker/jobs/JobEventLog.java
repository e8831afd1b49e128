package dev.kiln.worker.jobs;

import dev.kiln.model.jobs.JobEvent;
import dev.kiln.model.json.JsonCodec;
import dev.kiln.model.kafka.Topics;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * Every event on {@code kiln.job-events} since the beginning, by job id: a plain consumer with all
 * partitions assigned (no group, so no rebalance to wait for).
 */
final class JobEventLog implements AutoCloseable {

  private static final JsonCodec<JobEvent> CODEC = JsonCodec.of(JobEvent.class);

  private final KafkaConsumer<String, byte[]> consumer;
  private final Map<String, List<JobEvent>> byJob = new ConcurrentHashMap<>();

  JobEventLog(String bootstrapServers) {
    Properties props = new Properties();
    props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
    props.put(
        ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
    props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
    consumer = new KafkaConsumer<>(props);
    List<TopicPartition> partitions = new ArrayList<>();
    for (int p = 0; p < Topics.JOB_EVENTS_PARTITIONS; p++) {
      partitions.add(new TopicPartition(Topics.JOB_EVENTS, p));
    }
    consumer.assign(partitions);
    consumer.seekToBeginning(partitions);
  }

  /** Polls until the events of {@code jobId} satisfy {@code until}, or fails after the timeout. */
  List<JobEvent> awaitEvents(String jobId, Predicate<List<JobEvent>> until, Duration timeout) {
    long end = System.nanoTime() + timeout.toNanos();
    while (true) {
      List<JobEvent> events = eventsOf(jobId);
      if (until.test(events)) {
        return events;
      }
      if (System.nanoTime() > end) {
        throw new AssertionError("timed out waiting for the events of " + jobId + ": " + events);
      }
      poll();
    }
  }

  /** Polls what is there now and returns the events of {@code jobId} seen so far. */
  List<JobEvent> eventsOf(String jobId) {
    return List.copyOf(byJob.getOrDefault(jobId, List.of()));
  }

  void poll() {
    for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(200))) {
      JobEvent event = CODEC.decode(record.value());
      byJob.computeIfAbsent(event.jobId(), id -> new ArrayList<>()).add(event);
    }
  }

  @Override
  public void close() {
    consumer.close();
  }
}
