package dev.kiln.worker.jobs;

import static dev.kiln.worker.pipeline.TestImages.quadrants;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import dev.kiln.infra.KilnTestResource;
import dev.kiln.model.ids.Ids;
import dev.kiln.model.jobs.CancelJob;
import dev.kiln.model.jobs.JobCommand;
import dev.kiln.model.jobs.JobEvent;
import dev.kiln.model.jobs.JobEventType;
import dev.kiln.model.jobs.JobInput;
import dev.kiln.model.jobs.JobResult;
import dev.kiln.model.jobs.StorageKeys;
import dev.kiln.model.json.JsonCodec;
import dev.kiln.model.kafka.Topics;
import dev.kiln.model.pipeline.AutoOrientStep;
import dev.kiln.model.pipeline.EncodeStep;
import dev.kiln.model.pipeline.OutputFormat;
import dev.kiln.model.pipeline.ResizeStep;
import dev.kiln.model.pipeline.Step;
import dev.kiln.worker.control.CancelRegistry;
import dev.kiln.worker.jobs.JobMetrics.Outcome;
import dev.kiln.worker.pipeline.TestImages;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Properties;
import java.util.function.Predicate;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.bytedeco.opencv.opencv_core.Mat;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.ResponseBytes;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;

/** The worker against real Kafka and S3: commands in, events and result objects out. */
@QuarkusTest
@QuarkusTestResource(value = KilnTestResource.class, restrictToAnnotatedClass = false)
class JobConsumerTest {

  private static final Duration TIMEOUT = Duration.ofSeconds(30);
  private static final String TENANT = "ten_test";
  private static final JsonCodec<JobCommand> COMMANDS = JsonCodec.of(JobCommand.class);
  private static final JsonCodec<CancelJob> CANCELS = JsonCodec.of(CancelJob.class);

  @Inject S3Client s3;
  @Inject CancelRegistry cancels;
  @Inject JobMetrics metrics;

  @ConfigProperty(name = "kafka.bootstrap.servers")
  String bootstrapServers;

  @ConfigProperty(name = "kiln.storage.bucket")
  String bucket;

  private KafkaProducer<String, byte[]> producer;
  private JobEventLog events;

  @BeforeEach
  void connect() {
    Properties props = new Properties();
    props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
    props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
    producer = new KafkaProducer<>(props);
    events = new JobEventLog(bootstrapServers);
  }

  @AfterEach
  void disconnect() {
    producer.close();
    events.close();
  }

  @Test
  void completedJobReportsEveryStepAndStoresTheResult() {
    byte[] png;
    try (Mat input = quadrants(640, 480, 4)) {
      TestImages.paint(input, 0, 0, 320, 240, TestImages.TRANSPARENT);
      png = TestImages.encode(input, ".png");
    }
    String mediaId = putInput(png);
    List<Step> pipeline =
        List.of(
            new AutoOrientStep(),
            ResizeStep.contain(320, 320),
            new EncodeStep(OutputFormat.WEBP, 80, false, null));
    String jobId = submit(mediaId, pipeline);

    List<JobEvent> received = events.awaitEvents(jobId, terminal(), TIMEOUT);

    assertThat(received)
        .extracting(JobEvent::type)
        .containsExactly(
            JobEventType.STARTED,
            JobEventType.PROGRESS,
            JobEventType.PROGRESS,
            JobEventType.PROGRESS,
            JobEventType.COMPLETED);
    assertThat(received).extracting(JobEvent::seq).containsExactly(1, 2, 3, 4, 5);
    assertThat(received).allSatisfy(e -> assertThat(e.worker()).isEqualTo("test-worker"));
    assertThat(received.subList(1, 4))
        .extracting(e -> e.progress().step())
        .containsExactly("auto_orient", "resize", "encode");
    assertThat(received.subList(1, 4))
        .extracting(e -> e.progress().percentage())
        .isSorted()
        .allSatisfy(p -> assertThat(p).isBetween(1, 99));

    JobResult result = received.getLast().result();
    assertThat(result.storageKey()).isEqualTo(StorageKeys.result(TENANT, jobId, 1));
    assertThat(result.mimeType()).isEqualTo("image/webp");
    assertThat(result.width()).isEqualTo(320);
    assertThat(result.height()).isEqualTo(240);
    assertThat(Ids.isValid(Ids.MEDIA, result.mediaId())).isTrue();

    ResponseBytes<GetObjectResponse> stored =
        s3.getObjectAsBytes(r -> r.bucket(bucket).key(result.storageKey()));
    assertThat(stored.response().contentType()).isEqualTo("image/webp");
    assertThat(stored.asByteArray()).hasSize((int) result.sizeBytes());
    try (Mat decoded = TestImages.decode(stored.asByteArray())) {
      assertThat(decoded.cols()).isEqualTo(320);
      assertThat(decoded.rows()).isEqualTo(240);
      assertThat(decoded.channels()).isEqualTo(4);
      assertThat(TestImages.pixel(decoded, 10, 10)[3]).isZero();
      assertThat(TestImages.pixel(decoded, 310, 230)[3]).isEqualTo(255);
    }
  }

  @Test
  void inputThatIsNoImageFailsWithInvalidImage() {
    String mediaId = putInput("plain text, not pixels".getBytes());
    String jobId = submit(mediaId, List.of(ResizeStep.contain(10, 10)));

    JobEvent last = events.awaitEvents(jobId, terminal(), TIMEOUT).getLast();

    assertThat(last.type()).isEqualTo(JobEventType.FAILED);
    assertThat(last.error().code()).isEqualTo("invalid_image");
    assertThat(last.error().retryable()).isFalse();
  }

  @Test
  void headerClaimingHugeDimensionsFailsBeforeDecoding() {
    String mediaId = putInput(TestImages.pngHeader(100_000, 100_000));
    String jobId = submit(mediaId, List.of(ResizeStep.contain(10, 10)));

    JobEvent last = events.awaitEvents(jobId, terminal(), TIMEOUT).getLast();

    assertThat(last.type()).isEqualTo(JobEventType.FAILED);
    assertThat(last.error().code()).isEqualTo("image_too_large");
  }

  @Test
  void missingInputFailsWithInputNotFound() {
    String jobId = submit(Ids.media(), List.of(ResizeStep.contain(10, 10)));

    JobEvent last = events.awaitEvents(jobId, terminal(), TIMEOUT).getLast();

    assertThat(last.error().code()).isEqualTo("input_not_found");
  }

  @Test
  void jobPastItsDeadlineTimesOut() {
    String mediaId = putInput(TestImages.encode(quadrants(16, 16, 3), ".png"));
    String jobId = Ids.job();
    submit(jobId, mediaId, List.of(ResizeStep.contain(10, 10)), Instant.now().minusSeconds(1));

    JobEvent last = events.awaitEvents(jobId, terminal(), TIMEOUT).getLast();

    assertThat(last.error().code()).isEqualTo("timeout");
    assertThat(last.error().retryable()).isTrue();
  }

  @Test
  void malformedCommandIsSkippedAndTheNextOneRuns() {
    String mediaId = putInput(TestImages.encode(quadrants(16, 16, 3), ".png"));
    String jobId = Ids.job();
    send(Topics.JOBS, jobId, "{not json".getBytes()); // same key: same partition, just before

    submit(jobId, mediaId, List.of(ResizeStep.contain(8, 8)));

    JobEvent last = events.awaitEvents(jobId, terminal(), TIMEOUT).getLast();
    assertThat(last.type()).isEqualTo(JobEventType.COMPLETED);
  }

  @Test
  void cancelledJobIsSkipped() {
    String mediaId = putInput(TestImages.encode(quadrants(64, 64, 3), ".png"));
    String jobId = Ids.job();
    // The control consumer starts at the latest offset once it has its partition: resend until
    // this worker has seen the cancel.
    await()
        .atMost(TIMEOUT)
        .pollInterval(Duration.ofMillis(500))
        .until(
            () -> {
              send(Topics.JOB_CONTROL, jobId, CANCELS.encode(CancelJob.of(jobId)));
              return cancels.isCancelled(jobId);
            });
    long cancelledBefore = metrics.count(Outcome.CANCELLED);

    submit(jobId, mediaId, List.of(ResizeStep.contain(10, 10)));

    await().atMost(TIMEOUT).until(() -> metrics.count(Outcome.CANCELLED) > cancelledBefore);
    events.poll();
    assertThat(events.eventsOf(jobId)).isEmpty();
  }

  @Test
  void readyWhenKafkaAndTheImageEngineAre() {
    given()
        .when()
        .get("/q/health/ready")
        .then()
        .statusCode(200)
        .body("status", equalTo("UP"))
        .body("checks.find { it.name == 'image-engine' }.status", equalTo("UP"));
  }

  private String putInput(byte[] bytes) {
    String mediaId = Ids.media();
    s3.putObject(
        r -> r.bucket(bucket).key(StorageKeys.media(TENANT, mediaId)),
        RequestBody.fromBytes(bytes));
    return mediaId;
  }

  private String submit(String mediaId, List<Step> pipeline) {
    String jobId = Ids.job();
    submit(jobId, mediaId, pipeline);
    return jobId;
  }

  private void submit(String jobId, String mediaId, List<Step> pipeline) {
    submit(jobId, mediaId, pipeline, null);
  }

  private void submit(String jobId, String mediaId, List<Step> pipeline, Instant deadline) {
    JobCommand command =
        new JobCommand(
            JobCommand.VERSION,
            jobId,
            TENANT,
            1,
            JobInput.media(mediaId),
            StorageKeys.media(TENANT, mediaId),
            pipeline,
            0,
            deadline,
            Instant.now());
    send(Topics.JOBS, jobId, COMMANDS.encode(command));
  }

  private void send(String topic, String key, byte[] value) {
    try {
      producer.send(new ProducerRecord<>(topic, key, value)).get();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private static Predicate<List<JobEvent>> terminal() {
    return list -> !list.isEmpty() && list.getLast().type().isTerminal();
  }
}
