package dev.kiln.e2e.drills;

import dev.kiln.e2e.drills.DrillClient.Answer;
import java.awt.Color;
import java.awt.GradientPaint;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Random;
import javax.imageio.ImageIO;

/**
 * The job a drill submits again and again: an uploaded image (a gradient with noise, so that it
 * neither compresses to nothing nor decodes in no time), resized and encoded to WebP.
 */
final class DrillWork {

  /** How much work one job is. */
  enum Weight {
    /** 400×300 to 200×150: a few milliseconds of a worker, for loads that run for a while. */
    LIGHT(400, 300, ""),
    /**
     * 1600×1200, blurred, to 800×600: a tenth of a second or more, so that a fault finds jobs
     * running.
     */
    HEAVY(1600, 1200, "{\"op\": \"blur\", \"sigma\": 6}, ");

    private final int width;
    private final int height;
    private final String before;

    Weight(int width, int height, String before) {
      this.width = width;
      this.height = height;
      this.before = before;
    }
  }

  private final String mediaId;
  private final Weight weight;

  private DrillWork(String mediaId, Weight weight) {
    this.mediaId = mediaId;
    this.weight = weight;
  }

  /** Uploads a new input through {@code client}. */
  static DrillWork upload(DrillClient client, Weight weight) {
    Answer answer = client.upload(png(weight.width, weight.height), "image/png");
    return new DrillWork(DrillAccount.expect(answer, 201).path("id").asText(), weight);
  }

  /** Submits one job; the answer as it came (202 when accepted). */
  Answer submit(DrillClient client) {
    return client.post(
        "/v1/jobs",
        """
        {"input": {"media_id": "%s"},
         "pipeline": [%s{"op": "resize", "width": %d, "height": %d, "fit": "contain"},
                      {"op": "encode", "format": "webp", "quality": 80}]}"""
            .formatted(mediaId, weight.before, weight.width / 2, weight.height / 2));
  }

  /** A PNG of a gradient with noise. */
  static byte[] png(int width, int height) {
    BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
    var g = image.createGraphics();
    g.setPaint(new GradientPaint(0, 0, Color.ORANGE, width, height, Color.BLUE));
    g.fillRect(0, 0, width, height);
    g.dispose();
    Random noise = new Random(42);
    for (int y = 0; y < height; y++) {
      for (int x = 0; x < width; x++) {
        int rgb = image.getRGB(x, y);
        int jitter = noise.nextInt(16);
        image.setRGB(x, y, rgb ^ (jitter | jitter << 8 | jitter << 16));
      }
    }
    var out = new ByteArrayOutputStream();
    try {
      ImageIO.write(image, "png", out);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }
}
