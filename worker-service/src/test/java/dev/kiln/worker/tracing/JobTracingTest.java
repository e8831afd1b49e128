package dev.kiln.worker.tracing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.kiln.infra.KilnTestResource;
import dev.kiln.infra.logs.JsonLogLines;
import dev.kiln.model.ids.Ids;
import dev.kiln.model.jobs.JobCommand;
import dev.kiln.model.jobs.JobEvent;
import dev.kiln.model.jobs.JobEventType;
import dev.kiln.model.jobs.JobInput;
import dev.kiln.model.jobs.StorageKeys;
import dev.kiln.model.json.JsonCodec;
import dev.kiln.model.json.KilnJson;
import dev.kiln.model.kafka.Topics;
import dev.kiln.model.pipeline.EncodeStep;
import dev.kiln.model.pipeline.OutputFormat;
import dev.kiln.model.pipeline.ResizeStep;
import dev.kiln.worker.pipeline.TestImages;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Properties;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.bytedeco.opencv.opencv_core.Mat;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * A command that carries a trace is processed in that trace: the job's span is a child of the
 * record's, each pipeline step has its span, every event record continues the trace, and the job's
 * log lines, in JSON, name the job, its tenant and the trace.
 */
@QuarkusTest
@TestProfile(TracingProfile.class)
@QuarkusTestResource(value = KilnTestResource.class, restrictToAnnotatedClass = false)
class JobTracingTest {

  private static final String TENANT = "ten_traced";
  private static final Duration TIMEOUT = Duration.ofSeconds(30);
  private static final JsonCodec<JobCommand> COMMANDS = JsonCodec.of(JobCommand.class);
  private static final JsonCodec<JobEvent> EVENTS = JsonCodec.of(JobEvent.class);
  private static final AttributeKey<String> JOB = AttributeKey.stringKey("kiln.job.id");
  private static final AttributeKey<String> OP = AttributeKey.stringKey("kiln.step.op");
  private static final SecureRandom RANDOM = new SecureRandom();

  @Inject InMemorySpanExporter spans;
  @Inject S3Client s3;

  @ConfigProperty(name = "kafka.bootstrap.servers")
  String bootstrapServers;

  @ConfigProperty(name = "kiln.storage.bucket")
  String bucket;

  @Test
  void aTracedCommandIsProcessedAndReportedInItsTrace() throws Exception {
    String traceId = hex(16);
    String apiSpanId = hex(8);
    String jobId = Ids.job();
    String mediaId = putInput();

    try (JsonLogLines logs = new JsonLogLines()) {
      sendCommand(jobId, mediaId, "00-" + traceId + "-" + apiSpanId + "-01");
      List<ConsumerRecord<String, byte[]>> events = awaitTerminalEvent(jobId);

      assertThat(events)
          .extracting(r -> EVENTS.decode(r.value()).type())
          .containsExactly(
              JobEventType.STARTED,
              JobEventType.PROGRESS,
              JobEventType.PROGRESS,
              JobEventType.COMPLETED);
      assertThat(events)
          .as("every event record continues the job's trace")
          .allSatisfy(r -> assertThat(traceparent(r).split("-")[1]).isEqualTo(traceId));

      SpanData job = awaitSpan(traceId, JobTracing.JOB_SPAN);
      assertThat(job.getAttributes().get(JOB)).isEqualTo(jobId);
      SpanData receive = spanById(traceId, job.getParentSpanId());
      assertThat(receive.getParentSpanId()).as("the command's parent").isEqualTo(apiSpanId);
      SpanData resize = awaitSpan(traceId, "step resize");
      SpanData encode = awaitSpan(traceId, "step encode");
      assertThat(List.of(resize, encode))
          .allSatisfy(step -> assertThat(step.getParentSpanId()).isEqualTo(job.getSpanId()));
      assertThat(encode.getAttributes().get(OP)).isEqualTo("encode");

      JsonNode started = logLine(logs, "job " + jobId + " attempt 1 started");
      assertThat(started.path("mdc").path("jobId").asText()).isEqualTo(jobId);
      assertThat(started.path("mdc").path("tenantId").asText()).isEqualTo(TENANT);
      assertThat(started.path("mdc").path("traceId").asText()).isEqualTo(traceId);
    }
  }

  private String putInput() {
    byte[] png;
    try (Mat input = TestImages.quadrants(64, 48, 3)) {
      png = TestImages.encode(input, ".png");
    }
    String mediaId = Ids.media();
    s3.putObject(
        r -> r.bucket(bucket).key(StorageKeys.media(TENANT, mediaId)), RequestBody.fromBytes(png));
    return mediaId;
  }

  private void sendCommand(String jobId, String mediaId, String traceparent) throws Exception {
    JobCommand command =
        new JobCommand(
            JobCommand.VERSION,
            jobId,
            TENANT,
            1,
            JobInput.media(mediaId),
            StorageKeys.media(TENANT, mediaId),
            List.of(
                ResizeStep.contain(32, 32), new EncodeStep(OutputFormat.PNG, null, false, null)),
            0,
            null,
            Instant.now());
    Properties props = new Properties();
    props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    try (var producer =
        new KafkaProducer<>(props, new StringSerializer(), new ByteArraySerializer())) {
      ProducerRecord<String, byte[]> record =
          new ProducerRecord<>(Topics.JOBS, jobId, COMMANDS.encode(command));
      record.headers().add("traceparent", traceparent.getBytes(StandardCharsets.UTF_8));
      producer.send(record).get();
    }
  }

  /** The job's event records, in order, once its terminal one arrived. */
  private List<ConsumerRecord<String, byte[]>> awaitTerminalEvent(String jobId) {
    Properties props = new Properties();
    props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    props.put(ConsumerConfig.GROUP_ID_CONFIG, "test-" + UUID.randomUUID());
    props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    List<ConsumerRecord<String, byte[]>> found = new ArrayList<>();
    try (var consumer =
        new KafkaConsumer<>(props, new StringDeserializer(), new ByteArrayDeserializer())) {
      consumer.subscribe(List.of(Topics.JOB_EVENTS));
      Instant end = Instant.now().plus(TIMEOUT);
      while (Instant.now().isBefore(end)) {
        for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(200))) {
          if (jobId.equals(record.key())) {
            found.add(record);
            if (EVENTS.decode(record.value()).type().isTerminal()) {
              return found;
            }
          }
        }
      }
    }
    throw new AssertionError("no terminal event for " + jobId + " within " + TIMEOUT);
  }

  private SpanData awaitSpan(String traceId, String name) {
    return await()
        .atMost(TIMEOUT)
        .until(
            () ->
                spans.getFinishedSpanItems().stream()
                    .filter(s -> s.getTraceId().equals(traceId) && s.getName().equals(name))
                    .findFirst()
                    .orElse(null),
            span -> span != null);
  }

  private SpanData spanById(String traceId, String spanId) {
    return spans.getFinishedSpanItems().stream()
        .filter(s -> s.getTraceId().equals(traceId) && s.getSpanId().equals(spanId))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no span " + spanId + " in trace " + traceId));
  }

  private static JsonNode logLine(JsonLogLines logs, String message) throws Exception {
    for (String line : logs.lines()) {
      JsonNode json = KilnJson.mapper().readTree(line);
      if (json.path("message").asText().equals(message)) {
        return json;
      }
    }
    throw new AssertionError("no log line '" + message + "' in " + logs.lines());
  }

  private static String traceparent(ConsumerRecord<String, byte[]> record) {
    Header header = record.headers().lastHeader("traceparent");
    assertThat(header).as("the traceparent header of %s", record.key()).isNotNull();
    return new String(header.value(), StandardCharsets.UTF_8);
  }

  private static String hex(int bytes) {
    byte[] random = new byte[bytes];
    RANDOM.nextBytes(random);
    return HexFormat.of().formatHex(random);
  }
}
