package dev.kiln.worker.pipeline;

import static org.bytedeco.opencv.global.opencv_core.CV_8UC3;
import static org.bytedeco.opencv.global.opencv_core.CV_8UC4;

import dev.kiln.model.jobs.JobErrorCode;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.Iterator;
import java.util.function.LongConsumer;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;
import org.bytedeco.opencv.opencv_core.Mat;

/**
 * The first frame of a GIF, through {@code javax.imageio}: the OpenCV build Kiln uses has no GIF
 * decoder. GIFs are small and rare as inputs, so the slower Java path is acceptable here (and only
 * here). The frame's own size is checked against the pixel limit before its pixels are decoded (the
 * header's screen size was checked already; a frame may claim more).
 */
final class GifDecoder {

  private GifDecoder() {}

  /**
   * @param checkPixels throws when the given pixel count is over the limit
   * @return BGRA when the frame has transparency, else BGR
   */
  static Mat decode(byte[] bytes, LongConsumer checkPixels) {
    try (ImageInputStream input = ImageIO.createImageInputStream(new ByteArrayInputStream(bytes))) {
      Iterator<ImageReader> readers = ImageIO.getImageReaders(input);
      if (!readers.hasNext()) {
        throw invalid();
      }
      ImageReader reader = readers.next();
      try {
        reader.setInput(input, true, true);
        checkPixels.accept((long) reader.getWidth(0) * reader.getHeight(0));
        return toMat(reader.read(0));
      } finally {
        reader.dispose();
      }
    } catch (IOException | RuntimeException e) {
      if (e instanceof PipelineException pipeline) {
        throw pipeline;
      }
      throw invalid();
    }
  }

  /** Row by row, so that only one row of ARGB ints exists at a time beside the indexed image. */
  private static Mat toMat(BufferedImage image) {
    int width = image.getWidth();
    int height = image.getHeight();
    boolean alpha = image.getColorModel().hasAlpha();
    int channels = alpha ? 4 : 3;
    Mat mat = new Mat(height, width, alpha ? CV_8UC4 : CV_8UC3);
    int[] argb = new int[width];
    byte[] row = new byte[width * channels];
    for (int y = 0; y < height; y++) {
      image.getRGB(0, y, width, 1, argb, 0, width);
      for (int x = 0; x < width; x++) {
        int p = argb[x];
        int i = x * channels;
        row[i] = (byte) p; // blue
        row[i + 1] = (byte) (p >> 8);
        row[i + 2] = (byte) (p >> 16);
        if (alpha) {
          row[i + 3] = (byte) (p >>> 24);
        }
      }
      mat.ptr(y).put(row);
    }
    return mat;
  }

  private static PipelineException invalid() {
    return new PipelineException(
        JobErrorCode.INVALID_IMAGE, "the input has a image/gif header but does not decode");
  }
}
