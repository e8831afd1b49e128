package dev.kiln.worker.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import dev.kiln.infra.KilnTestResource;
import dev.kiln.model.ids.Ids;
import dev.kiln.model.jobs.JobCommand;
import dev.kiln.model.jobs.JobEvent;
import dev.kiln.model.jobs.JobEventType;
import dev.kiln.model.jobs.JobInput;
import dev.kiln.model.jobs.JobResult;
import dev.kiln.model.json.JsonCodec;
import dev.kiln.model.kafka.Topics;
import dev.kiln.model.pipeline.EncodeStep;
import dev.kiln.model.pipeline.OutputFormat;
import dev.kiln.model.pipeline.ResizeStep;
import dev.kiln.model.pipeline.Step;
import dev.kiln.worker.pipeline.TestImages;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicInteger;
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
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;

/**
 * Jobs whose input is a URL, against real Kafka and S3 and an image server on 127.0.0.1 (allowed by
 * {@code %test.kiln.outbound.allow}); the metadata address stays refused.
 */
@QuarkusTest
@QuarkusTestResource(value = KilnTestResource.class, restrictToAnnotatedClass = false)
class UrlInputTest {

  private static final Duration TIMEOUT = Duration.ofSeconds(30);
  private static final String TENANT = "ten_test";
  private static final JsonCodec<JobCommand> COMMANDS = JsonCodec.of(JobCommand.class);

  @Inject S3Client s3;

  @ConfigProperty(name = "kafka.bootstrap.servers")
  String bootstrapServers;

  @ConfigProperty(name = "kiln.storage.bucket")
  String bucket;

  private KafkaProducer<String, byte[]> producer;
  private JobEventLog events;
  private HttpServer images;
  private final AtomicInteger served = new AtomicInteger();

  @BeforeEach
  void start() throws IOException {
    Properties props = new Properties();
    props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
    props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
    producer = new KafkaProducer<>(props);
    events = new JobEventLog(bootstrapServers);
    images = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    images.start();
  }

  @AfterEach
  void stop() {
    images.stop(0);
    producer.close();
    events.close();
  }

  @Test
  void aJobWithAUrlInputCompletesLikeAMediaInput() {
    byte[] png;
    try (Mat input = TestImages.quadrants(200, 100, 3)) {
      png = TestImages.encode(input, ".png");
    }
    images.createContext(
        "/cat.png",
        exchange -> {
          served.incrementAndGet();
          // A wrong content type: the format is sniffed from the bytes, not taken from here.
          exchange.getResponseHeaders().add("Content-Type", "text/plain");
          exchange.sendResponseHeaders(200, png.length);
          try (var out = exchange.getResponseBody()) {
            out.write(png);
          }
        });
    List<Step> pipeline =
        List.of(ResizeStep.contain(100, 100), new EncodeStep(OutputFormat.WEBP, 80, false, null));

    String jobId = submit(url("/cat.png"), pipeline);
    List<JobEvent> received = events.awaitEvents(jobId, terminal(), TIMEOUT);

    assertThat(received)
        .extracting(JobEvent::type)
        .containsExactly(
            JobEventType.STARTED,
            JobEventType.PROGRESS,
            JobEventType.PROGRESS,
            JobEventType.COMPLETED);
    assertThat(served).hasValue(1);
    JobResult result = received.getLast().result();
    assertThat(result.mimeType()).isEqualTo("image/webp");
    assertThat(result.width()).isEqualTo(100);
    assertThat(result.height()).isEqualTo(50);
    ResponseBytes<GetObjectResponse> stored =
        s3.getObjectAsBytes(r -> r.bucket(bucket).key(result.storageKey()));
    try (Mat decoded = TestImages.decode(stored.asByteArray())) {
      assertThat(decoded.cols()).isEqualTo(100);
      assertThat(decoded.rows()).isEqualTo(50);
    }
  }

  @Test
  void theCloudMetadataAddressIsRefused() {
    String jobId =
        submit("http://169.254.169.254/latest/meta-data/", List.of(ResizeStep.contain(10, 10)));

    JobEvent last = events.awaitEvents(jobId, terminal(), TIMEOUT).getLast();

    assertThat(last.type()).isEqualTo(JobEventType.FAILED);
    assertThat(last.error().code()).isEqualTo("input_fetch_refused");
    assertThat(last.error().retryable()).isFalse();
    assertThat(last.error().message()).contains("cloud metadata");
  }

  @Test
  void aMissingImageFailsTheFetchWithoutRetry() {
    images.createContext(
        "/gone.png",
        exchange -> {
          exchange.sendResponseHeaders(404, -1);
          exchange.close();
        });

    String jobId = submit(url("/gone.png"), List.of(ResizeStep.contain(10, 10)));
    JobEvent last = events.awaitEvents(jobId, terminal(), TIMEOUT).getLast();

    assertThat(last.error().code()).isEqualTo("input_fetch_failed");
    assertThat(last.error().retryable()).isFalse();
    assertThat(last.error().message()).contains("404");
  }

  @Test
  void aNameThatDoesNotResolveFailsRetryably() {
    // .invalid never resolves (RFC 2606); a resolver that is down answers the same way.
    String jobId = submit("http://images.kiln.invalid/a.png", List.of(ResizeStep.contain(10, 10)));
    JobEvent last = events.awaitEvents(jobId, terminal(), TIMEOUT).getLast();

    assertThat(last.error().code()).isEqualTo("input_fetch_failed");
    assertThat(last.error().retryable()).isTrue();
    assertThat(last.error().message()).contains("cannot be resolved");
  }

  private String url(String path) {
    return "http://127.0.0.1:" + images.getAddress().getPort() + path;
  }

  private String submit(String url, List<Step> pipeline) {
    String jobId = Ids.job();
    JobCommand command =
        new JobCommand(
            JobCommand.VERSION,
            jobId,
            TENANT,
            1,
            new JobInput(null, url),
            null,
            pipeline,
            0,
            null,
            Instant.now());
    try {
      producer.send(new ProducerRecord<>(Topics.JOBS, jobId, COMMANDS.encode(command))).get();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
    return jobId;
  }

  private static Predicate<List<JobEvent>> terminal() {
    return list -> !list.isEmpty() && list.getLast().type().isTerminal();
  }
}
