package dev.kiln.bench.workloads;

import dev.kiln.bench.BenchContext;
import dev.kiln.bench.client.KilnClient;
import dev.kiln.bench.client.KilnClient.Reply;
import io.vertx.core.buffer.Buffer;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import javax.imageio.ImageIO;

/**
 * The tiny job of the submit, end-to-end and paced workloads: a 64×64 PNG (uploaded once) resized
 * to 32×32 and encoded as PNG. Its processing costs the worker next to nothing, so the figures
 * measure Kiln's own path: HTTP, PostgreSQL, outbox, Kafka, S3, events.
 */
final class TinyJob {

  private final byte[] body;

  private TinyJob(String mediaId) {
    this.body =
        ("{\"input\":{\"media_id\":\""
                + mediaId
                + "\"},\"pipeline\":[{\"op\":\"resize\",\"width\":32,\"height\":32,\"fit\":\"fill\"},"
                + "{\"op\":\"encode\",\"format\":\"png\"}]}")
            .getBytes(StandardCharsets.UTF_8);
  }

  /** Uploads the input image and returns the job to submit. */
  static TinyJob upload(BenchContext context) throws Exception {
    return upload(context.client());
  }

  /** Uploads the input image as {@code client}'s account and returns the job to submit. */
  static TinyJob upload(KilnClient client) throws Exception {
    Reply reply =
        client
            .upload(png64(), "image/png")
            .toCompletionStage()
            .toCompletableFuture()
            .get(30, TimeUnit.SECONDS);
    if (reply.status() != 201) {
      throw new IllegalStateException("Uploading the 64×64 PNG answered " + reply.describe());
    }
    return new TinyJob(reply.json().getString("id"));
  }

  /** A new request body (a buffer is consumed by the request that sends it). */
  Buffer body() {
    return Buffer.buffer(body);
  }

  /**
   * A new request body of the job at {@code priority} ({@code low}, {@code normal}, {@code high}).
   */
  Buffer body(String priority) {
    String json = new String(body, StandardCharsets.UTF_8);
    return Buffer.buffer("{\"priority\":\"" + priority + "\"," + json.substring(1));
  }

  private static byte[] png64() {
    BufferedImage image = new BufferedImage(64, 64, BufferedImage.TYPE_INT_RGB);
    for (int y = 0; y < 64; y++) {
      for (int x = 0; x < 64; x++) {
        image.setRGB(x, y, (x * 4) << 16 | (y * 4) << 8 | ((x + y) * 2));
      }
    }
    try {
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      ImageIO.write(image, "png", out);
      return out.toByteArray();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
