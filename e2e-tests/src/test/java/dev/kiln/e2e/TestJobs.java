package dev.kiln.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.awt.Color;
import java.awt.GradientPaint;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import javax.imageio.ImageIO;

/** Images and jobs the end-to-end tests submit through a {@link KilnClient}. */
final class TestJobs {

  private TestJobs() {}

  /** Uploads an image and answers its media id. */
  static String upload(KilnClient client, byte[] image) {
    KilnClient.Reply reply = client.upload(image, "image/png");
    assertThat(reply.status()).as(reply.body().toString()).isEqualTo(201);
    return reply.body().path("id").asText();
  }

  /** Submits a resize to PNG of {@code mediaId} and answers the job id. */
  static String submitResize(KilnClient client, String mediaId, int width, int height) {
    KilnClient.Reply reply =
        client.submit(
            """
            {"input": {"media_id": "%s"},
             "pipeline": [{"op": "resize", "width": %d, "height": %d, "fit": "fill"},
                          {"op": "encode", "format": "png"}]}"""
                .formatted(mediaId, width, height));
    assertThat(reply.status()).as(reply.body().toString()).isEqualTo(202);
    return reply.body().path("id").asText();
  }

  /** Waits until every job has completed; fails at once if one fails. */
  static void awaitAllCompleted(KilnClient api, List<String> jobIds, Duration timeout) {
    await("all jobs completed")
        .atMost(timeout)
        .pollInterval(Duration.ofMillis(500))
        .until(
            () -> {
              int completed = 0;
              for (int from = 0; from < jobIds.size(); from += 100) {
                String ids =
                    String.join(",", jobIds.subList(from, Math.min(from + 100, jobIds.size())));
                KilnClient.Reply reply = api.get("/v1/jobs?ids=" + ids);
                assertThat(reply.status()).as(reply.body().toString()).isEqualTo(200);
                for (JsonNode job : reply.body().path("data")) {
                  assertThat(job.path("status").asText())
                      .as("job %s", job)
                      .isIn("queued", "processing", "completed");
                  completed += "completed".equals(job.path("status").asText()) ? 1 : 0;
                }
              }
              return completed == jobIds.size();
            });
  }

  /** A PNG with a diagonal gradient. */
  static byte[] png(int width, int height) {
    BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
    var g = image.createGraphics();
    g.setPaint(new GradientPaint(0, 0, Color.ORANGE, width, height, Color.BLUE));
    g.fillRect(0, 0, width, height);
    g.dispose();
    return encodePng(image);
  }

  static byte[] encodePng(BufferedImage image) {
    var out = new ByteArrayOutputStream();
    try {
      ImageIO.write(image, "png", out);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
    return out.toByteArray();
  }
}
