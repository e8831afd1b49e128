package dev.kiln.enginebench;

import static org.bytedeco.opencv.global.opencv_core.multiply;
import static org.bytedeco.opencv.global.opencv_imgproc.COLOR_GRAY2BGR;
import static org.bytedeco.opencv.global.opencv_imgproc.INTER_AREA;
import static org.bytedeco.opencv.global.opencv_imgproc.cvtColor;
import static org.bytedeco.opencv.global.opencv_imgproc.resize;

import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import javax.imageio.ImageIO;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Size;

/** Drawing OpenCV images into the contact sheets: shrinking, cut-outs, the checkerboard. */
final class SheetImages {

  /** The side of one checkerboard square, in pixels. */
  private static final int SQUARE = 8;

  private SheetImages() {}

  /** A white sheet of this size. */
  static BufferedImage blankSheet(int width, int height) {
    BufferedImage sheet = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = sheet.createGraphics();
    g.setColor(Color.WHITE);
    g.fillRect(0, 0, width, height);
    g.dispose();
    return sheet;
  }

  /** Draws on {@code sheet}: smooth captions and scaling, 12 px sans-serif text. */
  static Graphics2D pen(BufferedImage sheet) {
    Graphics2D g = sheet.createGraphics();
    g.setRenderingHint(
        RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
    g.setRenderingHint(
        RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
    g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
    return g;
  }

  /**
   * Writes the sheet as JPEG when the file name ends in {@code .jpg} or {@code .jpeg}, else as PNG,
   * and says what was written.
   */
  static void save(PrintStream out, BufferedImage sheet, Path file, String what)
      throws IOException {
    Files.createDirectories(file.toAbsolutePath().getParent());
    String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
    boolean jpeg = name.endsWith(".jpg") || name.endsWith(".jpeg");
    ImageIO.write(sheet, jpeg ? "jpg" : "png", file.toFile());
    out.printf(
        Locale.ROOT,
        "%s: %s, %dx%d, %d KiB%n",
        file,
        what,
        sheet.getWidth(),
        sheet.getHeight(),
        Files.size(file) / 1024);
  }

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
