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
import java.util.Arrays;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The whole system, as a user meets it: the packaged API and worker as processes on real
 * PostgreSQL, Kafka and S3. Upload, submit, wait, download; then the same through a worker outage
 * and a Kafka outage.
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
