package dev.kiln.enginebench;

import static org.bytedeco.opencv.global.opencv_imgcodecs.IMREAD_COLOR;
import static org.bytedeco.opencv.global.opencv_imgcodecs.imread;

import dev.kiln.worker.pipeline.cutout.Cutout;
import dev.kiln.worker.pipeline.cutout.CutoutMethod;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.bytedeco.opencv.opencv_core.Mat;

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
        SheetImages.blankSheet(
            PER_ROW * cellWidth + (PER_ROW + 1) * 2 * GAP,
            rows * (PANEL + CAPTION + 2 * GAP) + GAP);
    Graphics2D g = SheetImages.pen(sheet);
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
        try (Mat small = SheetImages.shrink(bgr, width, height)) {
          g.drawImage(SheetImages.image(small, null), x, y, null);
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
            SheetImages.checkerboard(g, px, y, width, height);
            g.drawImage(SheetImages.cutOut(bgr, cutout.alpha(), width, height), px, y, null);
          }
        }
      }
      g.setColor(Color.DARK_GRAY);
      g.drawString(caption.toString(), x, y + PANEL + CAPTION - 3);
      out.println("  " + caption + " (wall:" + timings + ")");
    }
    g.dispose();
    SheetImages.save(out, sheet, file, photos.size() + " photos");
  }
}
