package dev.kiln.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.kiln.model.image.ImageFormat;
import dev.kiln.model.image.ImageInfo;
import dev.kiln.model.image.ImageProbe;
import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The whole system, as a user meets it: the packaged API and worker as processes on real
 * PostgreSQL, Kafka and S3. Upload, submit, wait, download; then the same through a worker outage,
 * a Kafka outage and a worker's graceful stop.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class JobFlowIT {

  private static final Duration JOB_TIMEOUT = Duration.ofSeconds(90);

  private static KilnStack stack;
  private static KilnClient client;

  @BeforeAll
  static void start() throws IOException {
    stack = KilnStack.withCutoutModel();
    stack.startServices(1);
    client = new KilnClient(stack.api(), KilnStack.API_KEY);
  }

  @AfterAll
  static void stop() throws IOException {
    if (stack != null) {
      stack.close();
    }
  }

  @Test
  @Order(1)
  void anUploadedImageIsResizedToWebpAndDownloadable() {
    String mediaId = upload(TestJobs.png(640, 480));

    String jobId = submitResizeToWebp(mediaId, 320, 240);
    JsonNode job = awaitStatus(jobId, "completed");

    assertThat(job.path("progress").path("percentage").asInt()).isEqualTo(100);
    assertThat(job.path("started_at").isNull()).isFalse();
    assertThat(job.path("processing_seconds").asDouble()).isGreaterThanOrEqualTo(0);
    JsonNode result = job.path("result");
    assertThat(result.path("mime_type").asText()).isEqualTo("image/webp");
    assertThat(result.path("width").asInt()).isEqualTo(320);
    assertThat(result.path("height").asInt()).isEqualTo(240);
    byte[] webp = client.download(result.path("url").asText());
    assertThat(webp).hasSize(result.path("size_bytes").asInt());
    assertThat(ImageProbe.probe(webp)).contains(new ImageInfo(ImageFormat.WEBP, 320, 240));
  }

  @Test
  @Order(2)
  void aResultIsTheInputOfTheNextJob() {
    JsonNode first =
        awaitStatus(submitResizeToWebp(upload(TestJobs.png(200, 100)), 100, 50), "completed");

    String second = submitResizeToWebp(first.path("result").path("media_id").asText(), 50, 25);

    JsonNode job = awaitStatus(second, "completed");
    assertThat(job.path("result").path("width").asInt()).isEqualTo(50);
  }

  @Test
  @Order(3)
  void anImageThatDoesNotDecodeFailsWithInvalidImage() {
    byte[] truncated = Arrays.copyOf(TestJobs.png(300, 300), 60); // header intact, pixels missing

    JsonNode job = awaitStatus(submitResizeToWebp(upload(truncated), 10, 10), "failed");

    assertThat(job.path("error").path("code").asText()).isEqualTo("invalid_image");
    assertThat(job.path("error").path("retryable").asBoolean()).isFalse();
  }

  @Test
  @Order(4)
  void jobsSubmittedWhileTheWorkerIsDownRunWhenItStarts() throws Exception {
    String mediaId = upload(TestJobs.png(64, 64));
    stack.stopWorker();

    String jobId = submitResizeToWebp(mediaId, 32, 32);
    Thread.sleep(2_000);
    assertThat(client.job(jobId).body().path("status").asText()).isEqualTo("queued");

    stack.startWorker();
    awaitStatus(jobId, "completed");
  }

  @Test
  @Order(5)
  void jobsSubmittedWhileKafkaIsDownAreAcceptedAndRunWhenItIsBack() throws Exception {
    String mediaId = upload(TestJobs.png(64, 64));
    stack.stopKafka();

    String jobId = submitResizeToWebp(mediaId, 16, 16);
    assertThat(client.job(jobId).body().path("status").asText()).isEqualTo("queued");
    // Liveness and readiness do not hang on Kafka: no restart, no leaving the Service.
    client.text("/q/health/live");
    client.text("/q/health/ready");

    stack.startKafka();
    awaitStatus(jobId, "completed");
  }

  @Test
  @Order(6)
  void aStickerIsACutOutSquareWebpUnderTheByteLimit() {
    String mediaId = upload(redDiscOnWhite(300));

    KilnClient.Reply reply =
        client.post("/v1/stickers", "{\"input\": {\"media_id\": \"%s\"}}".formatted(mediaId));
    assertThat(reply.status()).as(reply.body().toString()).isEqualTo(202);
    JsonNode job = awaitStatus(reply.body().path("id").asText(), "completed");

    assertThat(job.path("preset").asText()).isEqualTo("sticker");
    byte[] webp = client.download(job.path("result").path("url").asText());
    assertThat(ImageProbe.probe(webp)).contains(new ImageInfo(ImageFormat.WEBP, 512, 512));
    assertThat(webp.length).isLessThanOrEqualTo(100 * 1024);
  }

  @Test
  @Order(7)
  void theWorkerCutsWithTheSegmentationModelItWasGiven() {
    assertThat(stack.cutoutModel()).as("the model the stack fetched").isPresent();
    String mediaId = upload(redDiscOnWhite(300));

    JsonNode job =
        awaitStatus(
            submit(
                """
                {"input": {"media_id": "%s"},
                 "pipeline": [{"op": "remove_background", "method": "model"},
                              {"op": "encode", "format": "png"}]}"""
                    .formatted(mediaId)),
            "completed");

    byte[] png = client.download(job.path("result").path("url").asText());
    BufferedImage cut = decode(png);
    assertThat(cut.getColorModel().hasAlpha()).isTrue();
    assertThat(alphaAt(cut, 5, 5)).as("a corner of the white background").isLessThan(16);
    assertThat(alphaAt(cut, 150, 150)).as("the centre of the disc").isGreaterThan(240);
  }

  /** After the jobs above, both services show Kiln's meters (docs/operations.md). */
  @Test
  @Order(8)
  void bothServicesShowTheirMetersAfterJobs() {
    await()
        .atMost(Duration.ofSeconds(30))
        .untilAsserted(
            () ->
                assertThat(client.text("/q/metrics"))
                    .contains("kiln_jobs_submitted_total{preset=\"custom\"}")
                    .contains("kiln_jobs_finished_total{preset=\"sticker\",status=\"completed\"}")
                    .contains("kiln_jobs_finished_total{preset=\"custom\",status=\"failed\"}")
                    .contains("kiln_jobs_queue_wait_seconds_bucket{lane=\"normal\"")
                    .contains("kiln_jobs_processing_seconds_count{preset=\"custom\"}")
                    .contains("kiln_jobs_queued{lane=\"normal\"}")
                    .contains("kiln_outbox_backlog ")
                    .contains("kiln_outbox_oldest_age_seconds ")
                    .containsPattern("kiln_workers_consuming 1\\.0")
                    .contains("kiln_jobs_lag_records ")
                    .contains("kiln_live_streams{transport=\"sse\"}")
                    .contains("kiln_webhook_attempts_total")
                    .contains("kiln_storage_requests_total{operation=\"put\",outcome=\"ok\"}")
                    .contains("http_server_requests_seconds_count"));
    KilnClient worker = new KilnClient(stack.worker(), KilnStack.API_KEY);
    assertThat(worker.text("/q/metrics"))
        .contains("kiln_worker_jobs_seconds_count{code=\"none\",outcome=\"completed\"}")
        .contains("kiln_worker_in_flight ")
        .contains("kiln_worker_draining 0.0")
        .contains("kiln_storage_requests_total{operation=\"get\",outcome=\"ok\"}")
        .contains("kiln_storage_requests_total{operation=\"put\",outcome=\"ok\"}");
    assertThat(client.get("/v1/account").body().path("workers").path("state").asText())
        .isEqualTo("consuming");
  }

  /**
   * A rollout's SIGTERM: the worker finishes the jobs it runs (they complete while no worker is
   * left), takes no new one, and the jobs it had not started run on the next worker, each once.
   */
  @Test
  @Order(9)
  void aStoppedWorkerFinishesItsRunningJobsAndLeavesTheOthersToTheNext() throws Exception {
    String mediaId = upload(TestJobs.png(2000, 1500));
    List<String> jobs = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      // A few seconds of CPU each: upscaled to 24 MP, blurred wide, encoded as PNG.
      jobs.add(
          submit(
              """
              {"input": {"media_id": "%s"},
               "pipeline": [{"op": "resize", "width": 6000, "height": 4000, "fit": "fill"},
                            {"op": "blur", "sigma": 12},
                            {"op": "resize", "width": 600, "height": 400, "fit": "fill"},
                            {"op": "encode", "format": "png"}]}"""
                  .formatted(mediaId)));
    }
    List<String> running =
        await()
            .atMost(JOB_TIMEOUT)
            .pollInterval(Duration.ofMillis(100))
            .until(() -> withStatus(jobs, "processing"), ids -> !ids.isEmpty());

    stack.stopWorker(); // SIGTERM; returns once the process has exited

    // No worker is left: what completes now was finished by the draining worker.
    await("the jobs running at SIGTERM completed by the stopping worker")
        .atMost(Duration.ofSeconds(15))
        .until(() -> withStatus(jobs, "completed").containsAll(running));
    List<String> completedByTheFirst = withStatus(jobs, "completed");
    assertThat(withStatus(jobs, "processing")).as("left running").isEmpty();
    assertThat(withStatus(jobs, "queued"))
        .as("left for the next worker")
        .hasSize(jobs.size() - completedByTheFirst.size())
        .isNotEmpty();

    stack.startWorker();
    TestJobs.awaitAllCompleted(client, jobs, Duration.ofMinutes(3));
    for (String jobId : jobs) {
      assertThat(client.events(jobId).lines())
          .as("events of job %s", jobId)
          .filteredOn(line -> line.startsWith("event:"))
          .containsOnlyOnce("event:job.completed")
          .doesNotContain("event:job.failed");
    }
  }

  private static List<String> withStatus(List<String> jobIds, String status) {
    KilnClient.Reply reply = client.get("/v1/jobs?ids=" + String.join(",", jobIds));
    assertThat(reply.status()).as(reply.body().toString()).isEqualTo(200);
    List<String> ids = new ArrayList<>();
    for (JsonNode job : reply.body().path("data")) {
      assertThat(job.path("status").asText()).as("job %s", job).isNotEqualTo("failed");
      if (status.equals(job.path("status").asText())) {
        ids.add(job.path("id").asText());
      }
    }
    return ids;
  }

  private static byte[] redDiscOnWhite(int size) {
    BufferedImage image = new BufferedImage(size, size, BufferedImage.TYPE_INT_RGB);
    var g = image.createGraphics();
    g.setColor(Color.WHITE);
    g.fillRect(0, 0, size, size);
    g.setColor(Color.RED);
    g.fillOval(size / 4, size / 4, size / 2, size / 2);
    g.dispose();
    return TestJobs.encodePng(image);
  }

  private static String submit(String json) {
    KilnClient.Reply reply = client.submit(json);
    assertThat(reply.status()).as(reply.body().toString()).isEqualTo(202);
    return reply.body().path("id").asText();
  }

  private static BufferedImage decode(byte[] image) {
    try {
      return ImageIO.read(new ByteArrayInputStream(image));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static int alphaAt(BufferedImage image, int x, int y) {
    return image.getRGB(x, y) >>> 24;
  }

  private static String upload(byte[] png) {
    KilnClient.Reply reply = client.upload(png, "image/png");
    assertThat(reply.status()).as(reply.body().toString()).isEqualTo(201);
    return reply.body().path("id").asText();
  }

  private static String submitResizeToWebp(String mediaId, int width, int height) {
    KilnClient.Reply reply =
        client.submit(
            """
            {"input": {"media_id": "%s"},
             "pipeline": [{"op": "resize", "width": %d, "height": %d, "fit": "contain"},
                          {"op": "encode", "format": "webp", "quality": 80}]}"""
                .formatted(mediaId, width, height));
    assertThat(reply.status()).as(reply.body().toString()).isEqualTo(202);
    return reply.body().path("id").asText();
  }

  private static JsonNode awaitStatus(String jobId, String status) {
    return await()
        .atMost(JOB_TIMEOUT)
        .pollInterval(Duration.ofMillis(200))
        .until(
            () -> client.job(jobId).body(),
            job -> {
              assertThat(job.path("status").asText())
                  .as("job %s: %s", jobId, job)
                  .isIn("queued", "processing", status);
              return status.equals(job.path("status").asText());
            });
  }
}
