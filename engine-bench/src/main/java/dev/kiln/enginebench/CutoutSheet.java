package dev.kiln.enginebench;

import static org.bytedeco.opencv.global.opencv_core.multiply;
import static org.bytedeco.opencv.global.opencv_imgcodecs.IMREAD_COLOR;
import static org.bytedeco.opencv.global.opencv_imgcodecs.imread;
import static org.bytedeco.opencv.global.opencv_imgproc.COLOR_GRAY2BGR;
import static org.bytedeco.opencv.global.opencv_imgproc.INTER_AREA;
import static org.bytedeco.opencv.global.opencv_imgproc.cvtColor;
import static org.bytedeco.opencv.global.opencv_imgproc.resize;

import dev.kiln.worker.pipeline.cutout.Cutout;
import dev.kiln.worker.pipeline.cutout.CutoutMethod;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import javax.imageio.ImageIO;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Size;

/**
 * A contact sheet of cut-outs (mode {@code cutout-sheet}): every photo of a folder beside its
 * cut-out by each method, on a checkerboard, written as one PNG. For looking at, not measuring.
 */
final class CutoutSheet {

  /** The long side of one panel, in pixels. */
  private static final int PANEL = 176;

  /** Photos per row of the sheet. */
  private static final int PER_ROW = 4;

  private static final int GAP = 8;
  private static final int CAPTION = 16;
  private static final int SQUARE = 8;

  private CutoutSheet() {}

  static void write(
      PrintStream out, Path folder, BenchCutouts cutouts, List<String> methods, Path file)
      throws Exception {
    List<CutoutMethod> cutters = new ArrayList<>();
    for (String method : methods) {
      out.println("  " + cutouts.describe(method));
      cutters.add(cutouts.method(method));
    }
    List<BenchImage> photos = BenchImage.load(folder);
    if (photos.isEmpty()) {
      throw new IllegalArgumentException("no images in " + folder);
    }
    int cellWidth = PANEL * (1 + methods.size()) + GAP * methods.size();
    int rows = Math.ceilDiv(photos.size(), PER_ROW);
    BufferedImage sheet =
        new BufferedImage(
            PER_ROW * cellWidth + (PER_ROW + 1) * 2 * GAP,
            rows * (PANEL + CAPTION + 2 * GAP) + GAP,
            BufferedImage.TYPE_INT_RGB);
    Graphics2D g = sheet.createGraphics();
    g.setRenderingHint(
        RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
    g.setColor(Color.WHITE);
    g.fillRect(0, 0, sheet.getWidth(), sheet.getHeight());
    g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
    for (int i = 0; i < photos.size(); i++) {
      BenchImage photo = photos.get(i);
      int x = 2 * GAP + (i % PER_ROW) * (cellWidth + 2 * GAP);
      int y = GAP + (i / PER_ROW) * (PANEL + CAPTION + 2 * GAP);
      StringBuilder caption = new StringBuilder(photo.name());
      StringBuilder timings = new StringBuilder();
      try (Mat bgr = imread(folder.resolve(photo.name()).toString(), IMREAD_COLOR)) {
        if (bgr.empty()) {
          throw new IOException("cannot decode " + photo.name());
        }
        double scale = Math.min(1.0, PANEL / (double) Math.max(bgr.cols(), bgr.rows()));
        int width = Math.max(1, (int) Math.round(bgr.cols() * scale));
        int height = Math.max(1, (int) Math.round(bgr.rows() * scale));
        try (Mat small = shrink(bgr, width, height)) {
          g.drawImage(image(small, null), x, y, null);
        }
        for (int m = 0; m < cutters.size(); m++) {
          long started = System.nanoTime();
          try (Cutout cutout = cutters.get(m).cut(bgr, BenchCutouts.SETTINGS)) {
            long millis = (System.nanoTime() - started) / 1_000_000;
            caption.append(
                String.format(
                    Locale.ROOT,
                    " · %s: subject %.0f %%",
                    methods.get(m),
                    100 * cutout.subjectFraction()));
            timings.append(String.format(Locale.ROOT, " %s %d ms", methods.get(m), millis));
            int px = x + (m + 1) * (PANEL + GAP);
            checkerboard(g, px, y, width, height);
            g.drawImage(cutOut(bgr, cutout.alpha(), width, height), px, y, null);
          }
        }
      }
      g.setColor(Color.DARK_GRAY);
      g.drawString(caption.toString(), x, y + PANEL + CAPTION - 3);
      out.println("  " + caption + " (wall:" + timings + ")");
    }
    g.dispose();
    Files.createDirectories(file.toAbsolutePath().getParent());
    ImageIO.write(sheet, "png", file.toFile());
    out.printf(
        Locale.ROOT,
        "%s: %d photos, %dx%d, %d KiB%n",
        file,
        photos.size(),
        sheet.getWidth(),
        sheet.getHeight(),
        Files.size(file) / 1024);
  }

  private static Mat shrink(Mat source, int width, int height) {
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
  private static BufferedImage cutOut(Mat bgr, Mat alpha, int width, int height) {
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
  private static BufferedImage image(Mat bgr, Mat alpha) {
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

  private static void checkerboard(Graphics2D g, int x, int y, int width, int height) {
    for (int j = 0; j < height; j += SQUARE) {
      for (int i = 0; i < width; i += SQUARE) {
        g.setColor(
            ((i + j) / SQUARE) % 2 == 0 ? new Color(236, 236, 236) : new Color(200, 200, 200));
        g.fillRect(x + i, y + j, Math.min(SQUARE, width - i), Math.min(SQUARE, height - j));
      }
    }
  }
}
