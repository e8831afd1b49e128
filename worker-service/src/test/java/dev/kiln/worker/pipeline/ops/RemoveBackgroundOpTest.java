package dev.kiln.worker.pipeline.ops;

import static dev.kiln.worker.pipeline.TestImages.RED;
import static dev.kiln.worker.pipeline.TestImages.WHITE;
import static dev.kiln.worker.pipeline.TestImages.paint;
import static dev.kiln.worker.pipeline.TestImages.pixel;
import static dev.kiln.worker.pipeline.TestImages.solid;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.bytedeco.opencv.global.opencv_imgproc.FILLED;
import static org.bytedeco.opencv.global.opencv_imgproc.LINE_AA;
import static org.bytedeco.opencv.global.opencv_imgproc.circle;

import dev.kiln.model.jobs.JobErrorCode;
import dev.kiln.model.pipeline.RemoveBackgroundStep;
import dev.kiln.worker.pipeline.Image;
import dev.kiln.worker.pipeline.OpenCvRuntime;
import dev.kiln.worker.pipeline.PipelineException;
import dev.kiln.worker.pipeline.TestImages;
import dev.kiln.worker.pipeline.cutout.BorderFloodCutout;
import dev.kiln.worker.pipeline.cutout.CutoutMethods;
import java.util.Random;
import org.bytedeco.javacpp.indexer.UByteIndexer;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Point;
import org.bytedeco.opencv.opencv_core.Scalar;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class RemoveBackgroundOpTest {

  private static final RemoveBackgroundStep DEFAULTS = new RemoveBackgroundStep(null, null);

  private final RemoveBackgroundOp op =
      new RemoveBackgroundOp(CutoutMethods.colorOnly(new BorderFloodCutout()));

  @BeforeAll
  static void loadOpenCv() {
    OpenCvRuntime.load();
  }

  @Test
  void redDiscOnWhiteKeepsTheDiscAndClearsTheCorners() {
    try (Image input = new Image(disc(solid(200, 160, 3, WHITE), 100, 80, 50, RED), 1);
        Image out = op.apply(input, DEFAULTS)) {
      assertThat(out.hasAlpha()).isTrue();
      assertThat(out.width()).isEqualTo(200);
      assertThat(out.height()).isEqualTo(160);
      for (int[] corner : new int[][] {{0, 0}, {199, 0}, {0, 159}, {199, 159}}) {
        assertThat(pixel(out.mat(), corner[0], corner[1])[3]).isZero();
      }
      assertThat(pixel(out.mat(), 100, 80)).containsExactly(0, 0, 255, 255);
      assertThat(pixel(out.mat(), 100, 80 - 45)[3]).isEqualTo(255); // inside, near the edge
      assertThat(pixel(out.mat(), 100, 80 - 56)[3]).isZero(); // outside, near the edge
    }
  }

  @Test
  void followsAVerticalGradientBackground() {
    // Top dark blue-grey, bottom near white: far more than the tolerance apart, so one border
    // colour could not describe it; the disc's green is far from every shade of it.
    Mat background = verticalGradient(240, 300, new double[] {150, 110, 80}, WHITE);
    try (Image input =
            new Image(disc(background, 120, 150, 70, new double[] {40, 160, 40, 255}), 1);
        Image out = op.apply(input, DEFAULTS)) {
      assertThat(pixel(out.mat(), 2, 2)[3]).isZero();
      assertThat(pixel(out.mat(), 237, 2)[3]).isZero();
      assertThat(pixel(out.mat(), 120, 30)[3]).isZero(); // above the disc, mid-gradient
      assertThat(pixel(out.mat(), 2, 297)[3]).isZero();
      assertThat(pixel(out.mat(), 120, 270)[3]).isZero(); // below the disc
      assertThat(pixel(out.mat(), 120, 150)).containsExactly(40, 160, 40, 255);
      assertThat(pixel(out.mat(), 120, 150 - 65)[3]).isEqualTo(255);
    }
  }

  @Test
  void plainWhiteHasNoSubject() {
    try (Image input = new Image(solid(120, 90, 3, WHITE), 1)) {
      assertNoSubject(input);
    }
  }

  @Test
  void aPlainGradientHasNoSubject() {
    try (Image input = new Image(verticalGradient(120, 90, new double[] {60, 60, 60}, WHITE), 1)) {
      assertNoSubject(input);
    }
  }

  @Test
  void backgroundColourEnclosedByTheSubjectStays() {
    // A red ring touching nothing of the border with white inside it: the white inside is not
    // reachable from the border, so it is part of the subject (a label on a product).
    Mat ring = disc(solid(200, 200, 3, WHITE), 100, 100, 70, RED);
    try (Image input = new Image(disc(ring, 100, 100, 40, WHITE), 1);
        Image out = op.apply(input, DEFAULTS)) {
      assertThat(pixel(out.mat(), 100, 100)).containsExactly(255, 255, 255, 255);
      assertThat(pixel(out.mat(), 100, 45)).containsExactly(0, 0, 255, 255);
      assertThat(pixel(out.mat(), 5, 100)[3]).isZero();
    }
  }

  @Test
  void aSubjectCutOffByTheBorderIsKept() {
    // A product photographed too close: a blue block rising from the bottom edge, a quarter of
    // the border. The backdrop model leaves those border pixels out.
    Mat photo = solid(200, 200, 3, new double[] {235, 235, 235, 255});
    paint(photo, 50, 80, 100, 120, new double[] {160, 60, 20, 255});
    try (Image input = new Image(photo, 1);
        Image out = op.apply(input, DEFAULTS)) {
      assertThat(pixel(out.mat(), 100, 199)[3]).isEqualTo(255);
      assertThat(pixel(out.mat(), 100, 100)[3]).isEqualTo(255);
      assertThat(pixel(out.mat(), 20, 199)[3]).isZero();
      assertThat(pixel(out.mat(), 100, 20)[3]).isZero();
    }
  }

  @Test
  void noisyBackgroundLeavesNoSpecks() {
    Mat photo = disc(solid(300, 200, 3, WHITE), 150, 100, 50, RED);
    addNoise(photo, 6, 42);
    try (Image input = new Image(photo, 1);
        Image out = op.apply(input, DEFAULTS)) {
      assertThat(pixel(out.mat(), 150, 100)[3]).isEqualTo(255);
      assertThat(opaqueBeyond(out.mat(), 150, 100, 53)).isZero();
      assertThat(transparentWithin(out.mat(), 150, 100, 47)).isZero();
    }
  }

  @Test
  void featherWidensTheSoftEdge() {
    Mat photo = disc(solid(200, 200, 3, WHITE), 100, 100, 60, RED);
    try (Image input = new Image(photo, 1);
        Image hard = op.apply(input, new RemoveBackgroundStep(null, 0.0));
        Image soft = op.apply(input, new RemoveBackgroundStep(null, 12.0))) {
      assertThat(pixel(hard.mat(), 100, 100 - 57)[3]).isEqualTo(255);
      assertThat(pixel(hard.mat(), 100, 100 - 63)[3]).isZero();
      int inside = pixel(soft.mat(), 100, 100 - 57)[3];
      int outside = pixel(soft.mat(), 100, 100 - 63)[3];
      assertThat(inside).isBetween(129, 254);
      assertThat(outside).isBetween(1, 127);
    }
  }

  @Test
  void largeImagesAreCutAtTheirFullSize() {
    Mat photo = disc(solid(3000, 2000, 3, WHITE), 1500, 1000, 600, RED);
    try (Image input = new Image(photo, 1);
        Image out = op.apply(input, DEFAULTS)) {
      assertThat(out.width()).isEqualTo(3000);
      assertThat(out.height()).isEqualTo(2000);
      assertThat(pixel(out.mat(), 1500, 1000)).containsExactly(0, 0, 255, 255);
      assertThat(pixel(out.mat(), 1500, 1000 - 590)[3]).isEqualTo(255);
      assertThat(pixel(out.mat(), 1500, 1000 - 610)[3]).isZero();
      assertThat(pixel(out.mat(), 10, 10)[3]).isZero();
    }
  }

  @Test
  void alphaOfTheInputIsKept() {
    // Opaque border, a half-transparent patch inside the disc: the patch stays half transparent.
    Mat photo = disc(solid(200, 200, 4, WHITE), 100, 100, 60, RED);
    paint(photo, 90, 90, 20, 20, new double[] {0, 0, 255, 100});
    try (Image input = new Image(photo, 1);
        Image out = op.apply(input, DEFAULTS)) {
      assertThat(pixel(out.mat(), 100, 100)).containsExactly(0, 0, 255, 100);
      assertThat(pixel(out.mat(), 100, 60)).containsExactly(0, 0, 255, 255);
      assertThat(pixel(out.mat(), 3, 3)[3]).isZero();
    }
  }

  @Test
  void anImageAlreadyCutOutIsReturnedAsItIs() {
    Mat cut = disc(solid(100, 100, 4, TestImages.TRANSPARENT), 50, 50, 30, RED);
    try (Image input = new Image(cut, 1)) {
      assertThat(op.apply(input, DEFAULTS)).isSameAs(input);
    }
    try (Image empty = new Image(solid(100, 100, 4, TestImages.TRANSPARENT), 1)) {
      assertNoSubject(empty);
    }
  }

  private void assertNoSubject(Image input) {
    assertThatThrownBy(() -> op.apply(input, DEFAULTS))
        .isInstanceOf(PipelineException.class)
        .extracting(e -> ((PipelineException) e).code())
        .isEqualTo(JobErrorCode.NO_SUBJECT_FOUND);
  }

  static Mat disc(Mat image, int x, int y, int radius, double[] colour) {
    try (Point centre = new Point(x, y);
        Scalar scalar = new Scalar(colour[0], colour[1], colour[2], colour[3])) {
      circle(image, centre, radius, scalar, FILLED, LINE_AA, 0);
    }
    return image;
  }

  /** Rows blending from {@code top} to {@code bottom} colour (B, G, R). */
  static Mat verticalGradient(int width, int height, double[] top, double[] bottom) {
    Mat image = solid(width, height, 3, bottom);
    for (int y = 0; y < height; y++) {
      double t = y / (double) (height - 1);
      double[] colour = new double[4];
      for (int c = 0; c < 3; c++) {
        colour[c] = top[c] + (bottom[c] - top[c]) * t;
      }
      colour[3] = 255;
      paint(image, 0, y, width, 1, colour);
    }
    return image;
  }

  static void addNoise(Mat image, double sigma, long seed) {
    Random random = new Random(seed);
    try (UByteIndexer ix = image.createIndexer()) {
      for (int y = 0; y < image.rows(); y++) {
        for (int x = 0; x < image.cols(); x++) {
          for (int c = 0; c < image.channels(); c++) {
            int v = ix.get(y, x, c) + (int) Math.round(random.nextGaussian() * sigma);
            ix.put(y, x, c, Math.max(0, Math.min(255, v)));
          }
        }
      }
    }
  }

  /** Pixels farther than {@code radius} from (x, y) with any opacity. */
  private static int opaqueBeyond(Mat bgra, int cx, int cy, int radius) {
    int count = 0;
    try (UByteIndexer ix = bgra.createIndexer()) {
      for (int y = 0; y < bgra.rows(); y++) {
        for (int x = 0; x < bgra.cols(); x++) {
          if (Math.hypot(x - cx, y - cy) > radius && ix.get(y, x, 3) > 0) {
            count++;
          }
        }
      }
    }
    return count;
  }

  /** Pixels within {@code radius} of (x, y) that are not fully opaque. */
  private static int transparentWithin(Mat bgra, int cx, int cy, int radius) {
    int count = 0;
    try (UByteIndexer ix = bgra.createIndexer()) {
      for (int y = 0; y < bgra.rows(); y++) {
        for (int x = 0; x < bgra.cols(); x++) {
          if (Math.hypot(x - cx, y - cy) < radius && ix.get(y, x, 3) < 255) {
            count++;
          }
        }
      }
    }
    return count;
  }
}
