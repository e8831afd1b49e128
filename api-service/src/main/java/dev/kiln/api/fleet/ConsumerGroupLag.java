package dev.kiln.api.fleet;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.admin.ListOffsetsResult.ListOffsetsResultInfo;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.GroupIdNotFoundException;

/**
 * One consumer group on one topic, read through Kafka's admin API: how many members hold partitions
 * of the topic, and how many records they have not committed yet.
 *
 * @param group the consumer group id
 * @param topic the topic it consumes
 */
record ConsumerGroupLag(String group, String topic) {

  /** Members of the group with at least one partition of the topic. */
  int members(Admin admin, long timeoutMillis)
      throws ExecutionException, InterruptedException, TimeoutException {
    ConsumerGroupDescription description;
    try {
      description =
          admin
              .describeConsumerGroups(List.of(group))
              .describedGroups()
              .get(group)
              .get(timeoutMillis, TimeUnit.MILLISECONDS);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof GroupIdNotFoundException) {
        return 0; // no member ever joined
      }
      throw e;
    }
    return (int)
        description.members().stream()
            .filter(
                member ->
                    member.assignment().topicPartitions().stream()
                        .anyMatch(partition -> partition.topic().equals(topic)))
            .count();
  }

  /**
   * Records of the topic not yet committed by the group: per partition, the end offset minus the
   * committed one (or minus the first offset when the group never committed there).
   */
  long lag(Admin admin, long timeoutMillis)
      throws ExecutionException, InterruptedException, TimeoutException {
    TopicDescription description =
        admin
            .describeTopics(List.of(topic))
            .topicNameValues()
            .get(topic)
            .get(timeoutMillis, TimeUnit.MILLISECONDS);
    Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
    Map<TopicPartition, OffsetSpec> earliest = new HashMap<>();
    description
        .partitions()
        .forEach(
            info -> {
              TopicPartition partition = new TopicPartition(topic, info.partition());
              latest.put(partition, OffsetSpec.latest());
              earliest.put(partition, OffsetSpec.earliest());
            });
    Map<TopicPartition, ListOffsetsResultInfo> ends =
        admin.listOffsets(latest).all().get(timeoutMillis, TimeUnit.MILLISECONDS);
    Map<TopicPartition, ListOffsetsResultInfo> starts =
        admin.listOffsets(earliest).all().get(timeoutMillis, TimeUnit.MILLISECONDS);
    Map<TopicPartition, OffsetAndMetadata> committed = committed(admin, timeoutMillis);
    long lag = 0;
    for (Map.Entry<TopicPartition, ListOffsetsResultInfo> end : ends.entrySet()) {
      OffsetAndMetadata done = committed.get(end.getKey());
      long from = done != null ? done.offset() : starts.get(end.getKey()).offset();
      lag += Math.max(0, end.getValue().offset() - from);
    }
    return lag;
  }

  private Map<TopicPartition, OffsetAndMetadata> committed(Admin admin, long timeoutMillis)
      throws ExecutionException, InterruptedException, TimeoutException {
    try {
      return admin
          .listConsumerGroupOffsets(group)
          .partitionsToOffsetAndMetadata()
          .get(timeoutMillis, TimeUnit.MILLISECONDS);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof GroupIdNotFoundException) {
        return Map.of(); // nothing committed yet
      }
      throw e;
    }
  }
}
