package dev.kiln.enginebench;

import static org.bytedeco.opencv.global.opencv_core.multiply;
import static org.bytedeco.opencv.global.opencv_imgproc.COLOR_GRAY2BGR;
import static org.bytedeco.opencv.global.opencv_imgproc.INTER_AREA;
import static org.bytedeco.opencv.global.opencv_imgproc.cvtColor;
import static org.bytedeco.opencv.global.opencv_imgproc.resize;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Size;

/** Drawing OpenCV images into the contact sheets: shrinking, cut-outs, the checkerboard. */
final class SheetImages {

  /** The side of one checkerboard square, in pixels. */
  private static final int SQUARE = 8;

  private SheetImages() {}

  static Mat shrink(Mat source, int width, int height) {
    Mat small = new Mat();
    try (Size size = new Size(width, height)) {
      resize(source, small, size, 0, 0, INTER_AREA);
    }
    return small;
  }

  /**
   * The cut-out at the panel's size, premultiplied before it is shrunk, so that the background's
   * colour does not bleed into the edge.
   */
  static BufferedImage cutOut(Mat bgr, Mat alpha, int width, int height) {
    try (Mat alpha3 = new Mat();
        Mat premultiplied = new Mat();
        Mat small = new Mat();
        Mat smallAlpha = shrink(alpha, width, height)) {
      cvtColor(alpha, alpha3, COLOR_GRAY2BGR);
      multiply(bgr, alpha3, premultiplied, 1 / 255.0, -1);
      try (Mat shrunk = shrink(premultiplied, width, height)) {
        return image(shrunk, smallAlpha);
      }
    }
  }

  /** {@code bgr} (premultiplied by {@code alpha} when there is one) as a Java 2D image. */
  static BufferedImage image(Mat bgr, Mat alpha) {
    int width = bgr.cols();
    int height = bgr.rows();
    byte[] colours = new byte[width * height * 3];
    bgr.data().get(colours);
    byte[] alphas = new byte[width * height];
    if (alpha != null) {
      alpha.data().get(alphas);
    }
    int[] pixels = new int[width * height];
    for (int p = 0; p < pixels.length; p++) {
      int a = alpha == null ? 255 : alphas[p] & 0xFF;
      pixels[p] =
          a << 24
              | (colours[3 * p + 2] & 0xFF) << 16
              | (colours[3 * p + 1] & 0xFF) << 8
              | colours[3 * p] & 0xFF;
    }
    BufferedImage image =
        new BufferedImage(
            width,
            height,
            alpha == null ? BufferedImage.TYPE_INT_RGB : BufferedImage.TYPE_INT_ARGB_PRE);
    image.getRaster().setDataElements(0, 0, width, height, pixels);
    return image;
  }

  static void checkerboard(Graphics2D g, int x, int y, int width, int height) {
    for (int j = 0; j < height; j += SQUARE) {
      for (int i = 0; i < width; i += SQUARE) {
        g.setColor(
            ((i + j) / SQUARE) % 2 == 0 ? new Color(236, 236, 236) : new Color(200, 200, 200));
        g.fillRect(x + i, y + j, Math.min(SQUARE, width - i), Math.min(SQUARE, height - j));
      }
    }
  }
}
