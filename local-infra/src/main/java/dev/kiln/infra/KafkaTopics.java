package dev.kiln.infra;

import dev.kiln.model.kafka.Topics;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;

/** Creates Kiln's topics with their partition counts when they are missing. */
public final class KafkaTopics {

  /** The topics of DESIGN §4, one replica each (single broker). */
  public static final List<NewTopic> KILN_TOPICS =
      List.of(
          new NewTopic(Topics.JOBS, Topics.JOBS_PARTITIONS, (short) 1),
          new NewTopic(Topics.JOB_EVENTS, Topics.JOB_EVENTS_PARTITIONS, (short) 1),
          new NewTopic(Topics.JOB_CONTROL, Topics.JOB_CONTROL_PARTITIONS, (short) 1));

  private static final Duration LEADERS_WAIT = Duration.ofSeconds(30);

  private KafkaTopics() {}

  /**
   * Creates the missing {@link #KILN_TOPICS} (existing topics are left as they are) and returns
   * once the broker leads every partition, so that the first produce does not have to retry.
   */
  public static void ensure(String bootstrapServers) {
    try (Admin admin =
        Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers))) {
      Set<String> existing = admin.listTopics().names().get();
      List<NewTopic> missing =
          KILN_TOPICS.stream().filter(topic -> !existing.contains(topic.name())).toList();
      if (!missing.isEmpty()) {
        admin.createTopics(missing).all().get();
      }
      awaitLeaders(admin);
    } catch (ExecutionException e) {
      throw new IllegalStateException("Could not create Kiln's Kafka topics", e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("Interrupted while creating Kiln's Kafka topics", e);
    }
  }

  /**
   * Only a partition's leader answers ListOffsets. The admin client retries while a leader is being
   * elected, but a topic created a moment ago may not be in the metadata yet, which it reports at
   * once as unknown: that is retried here, for up to {@link #LEADERS_WAIT}.
   */
  private static void awaitLeaders(Admin admin) throws ExecutionException, InterruptedException {
    long deadline = System.nanoTime() + LEADERS_WAIT.toNanos();
    while (true) {
      try {
        admin.listOffsets(latestOfEveryPartition()).all().get();
        return;
      } catch (ExecutionException e) {
        if (!(e.getCause() instanceof UnknownTopicOrPartitionException)
            || System.nanoTime() > deadline) {
          throw e;
        }
        Thread.sleep(200);
      }
    }
  }

  private static Map<TopicPartition, OffsetSpec> latestOfEveryPartition() {
    return KILN_TOPICS.stream()
        .flatMap(
            topic ->
                IntStream.range(0, topic.numPartitions())
                    .mapToObj(partition -> new TopicPartition(topic.name(), partition)))
        .collect(Collectors.toMap(Function.identity(), partition -> OffsetSpec.latest()));
  }
}
