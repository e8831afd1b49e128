package dev.kiln.worker.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kiln.infra.KilnTestResource;
import dev.kiln.model.ids.Ids;
import dev.kiln.model.jobs.JobCommand;
import dev.kiln.model.jobs.JobError;
import dev.kiln.model.jobs.JobEvent;
import dev.kiln.model.jobs.JobEventType;
import dev.kiln.model.jobs.JobInput;
import dev.kiln.model.jobs.StorageKeys;
import dev.kiln.model.json.JsonCodec;
import dev.kiln.model.kafka.Topics;
import dev.kiln.model.pipeline.ResizeStep;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

/**
 * A worker whose storage fails (here: its bucket does not exist) fails the job as Kiln's fault,
 * retryable, not as a problem with the input.
 */
@QuarkusTest
@TestProfile(StorageOutageTest.MissingBucket.class)
@QuarkusTestResource(value = KilnTestResource.class, restrictToAnnotatedClass = false)
class StorageOutageTest {

  /** Points the worker at a bucket that S3 does not have. */
  public static final class MissingBucket implements QuarkusTestProfile {
    @Override
    public Map<String, String> getConfigOverrides() {
      return Map.of("kiln.storage.bucket", "kiln-missing");
    }
  }

  private static final JsonCodec<JobCommand> COMMANDS = JsonCodec.of(JobCommand.class);

  @ConfigProperty(name = "kafka.bootstrap.servers")
  String bootstrapServers;

  @Test
  void storageFailureFailsTheJobAsRetryableInternalError() throws Exception {
    String jobId = Ids.job();
    String mediaId = Ids.media();
    JobCommand command =
        new JobCommand(
            JobCommand.VERSION,
            jobId,
            "ten_outage",
            1,
            JobInput.media(mediaId),
            StorageKeys.media("ten_outage", mediaId),
            List.of(ResizeStep.contain(10, 10)),
            0,
            null,
            Instant.now());
    Properties props = new Properties();
    props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
    props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
    try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(props);
        JobEventLog events = new JobEventLog(bootstrapServers)) {
      producer.send(new ProducerRecord<>(Topics.JOBS, jobId, COMMANDS.encode(command))).get();

      JobEvent last =
          events
              .awaitEvents(
                  jobId,
                  list -> !list.isEmpty() && list.getLast().type().isTerminal(),
                  Duration.ofSeconds(30))
              .getLast();

      assertThat(last.type()).isEqualTo(JobEventType.FAILED);
      JobError error = last.error();
      assertThat(error.code()).isEqualTo("storage_unavailable");
      assertThat(error.retryable()).isTrue();
      assertThat(error.message()).contains("storage");
    }
  }
}
