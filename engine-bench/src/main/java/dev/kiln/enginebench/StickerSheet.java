package dev.kiln.enginebench;

import static org.bytedeco.opencv.global.opencv_core.split;
import static org.bytedeco.opencv.global.opencv_imgcodecs.IMREAD_COLOR;
import static org.bytedeco.opencv.global.opencv_imgcodecs.IMREAD_UNCHANGED;
import static org.bytedeco.opencv.global.opencv_imgcodecs.imdecode;
import static org.bytedeco.opencv.global.opencv_imgcodecs.imread;
import static org.bytedeco.opencv.global.opencv_imgproc.COLOR_BGRA2BGR;
import static org.bytedeco.opencv.global.opencv_imgproc.cvtColor;

import dev.kiln.worker.pipeline.EncodedImage;
import dev.kiln.worker.pipeline.PipelineRunner;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.MatVector;

/**
 * A contact sheet of finished stickers (mode {@code sticker-sheet}): every photo of a folder beside
 * the WebP that the {@code sticker} preset makes of it, decoded and drawn on a checkerboard, with
 * its size and time. What a user of the sticker endpoint gets, for looking at. Written as PNG, or
 * as JPEG when the file name ends in {@code .jpg} (a sheet of photos is a tenth of the size).
 */
final class StickerSheet {

  /** The side of one panel, in pixels (stickers are 512 × 512). */
  private static final int PANEL = 256;

  /** Photos per row of the sheet. */
  private static final int PER_ROW = 3;

  private static final int GAP = 8;
  private static final int CAPTION = 16;

  private StickerSheet() {}

  static void write(PrintStream out, Path folder, PipelineRunner runner, Path file)
      throws Exception {
    BenchPipeline sticker = BenchPipeline.named("sticker").getFirst();
    out.println("  sticker: " + sticker.describe());
    List<BenchImage> photos = BenchImage.load(folder);
    if (photos.isEmpty()) {
      throw new IllegalArgumentException("no images in " + folder);
    }
    int cellWidth = 2 * PANEL + GAP;
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
      drawPhoto(g, folder.resolve(photo.name()), x, y);
      long started = System.nanoTime();
      EncodedImage webp = runner.run(photo.bytes(), sticker.steps(), (index, step) -> {});
      long millis = (System.nanoTime() - started) / 1_000_000;
      int px = x + PANEL + GAP;
      SheetImages.checkerboard(g, px, y, PANEL, PANEL);
      g.drawImage(decode(webp.bytes()), px, y, PANEL, PANEL, null);
      String caption =
          String.format(
              Locale.ROOT,
              "%s · %d×%d %s %.1f KB · %d ms",
              photo.name(),
              webp.width(),
              webp.height(),
              webp.mimeType().substring("image/".length()),
              webp.sizeBytes() / 1024.0,
              millis);
      g.setColor(Color.DARK_GRAY);
      g.drawString(caption, x, y + PANEL + CAPTION - 3);
      out.println("  " + caption);
    }
    g.dispose();
    SheetImages.save(out, sheet, file, photos.size() + " stickers");
  }

  private static void drawPhoto(Graphics2D g, Path photo, int x, int y) throws IOException {
    try (Mat bgr = imread(photo.toString(), IMREAD_COLOR)) {
      if (bgr.empty()) {
        throw new IOException("cannot decode " + photo);
      }
      double scale = Math.min(1.0, PANEL / (double) Math.max(bgr.cols(), bgr.rows()));
      int width = Math.max(1, (int) Math.round(bgr.cols() * scale));
      int height = Math.max(1, (int) Math.round(bgr.rows() * scale));
      try (Mat small = SheetImages.shrink(bgr, width, height)) {
        g.drawImage(SheetImages.image(small, null), x, y, null);
      }
    }
  }

  /** The sticker as a Java 2D image with its alpha (premultiplied, as the sheet draws it). */
  private static BufferedImage decode(byte[] webp) throws IOException {
    try (BytePointer bytes = new BytePointer(webp);
        Mat encoded =
            new Mat(1, webp.length, org.bytedeco.opencv.global.opencv_core.CV_8UC1, bytes);
        Mat bgra = imdecode(encoded, IMREAD_UNCHANGED)) {
      if (bgra.empty() || bgra.channels() != 4) {
        throw new IOException("the sticker did not decode with an alpha channel");
      }
      try (MatVector planes = new MatVector();
          Mat bgr = new Mat()) {
        split(bgra, planes);
        cvtColor(bgra, bgr, COLOR_BGRA2BGR);
        return SheetImages.cutOut(bgr, planes.get(3), bgr.cols(), bgr.rows());
      }
    }
  }
}
