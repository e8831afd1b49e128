package dev.kiln.worker.pipeline.ops;

import static dev.kiln.worker.pipeline.TestImages.RED;
import static dev.kiln.worker.pipeline.TestImages.noise;
import static dev.kiln.worker.pipeline.TestImages.paint;
import static dev.kiln.worker.pipeline.TestImages.pixel;
import static dev.kiln.worker.pipeline.TestImages.samePixels;
import static dev.kiln.worker.pipeline.TestImages.solid;
import static org.assertj.core.api.Assertions.assertThat;

import dev.kiln.model.pipeline.RotateStep;
import dev.kiln.worker.pipeline.Image;
import dev.kiln.worker.pipeline.OpenCvRuntime;
import dev.kiln.worker.pipeline.TestImages;
import org.bytedeco.opencv.opencv_core.Mat;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RotateOpTest {

  private static final double[] MARK = {10, 20, 30, 255};

  private final RotateOp op = new RotateOp();

  @BeforeAll
  static void loadOpenCv() {
    OpenCvRuntime.load();
  }

  /** A 5x3 red image with its top-left pixel marked: where does the mark go? */
  @ParameterizedTest(name = "{0} degrees")
  @CsvSource({
    "90,   3, 5, 2, 0",
    "-270, 3, 5, 2, 0",
    "180,  5, 3, 4, 2",
    "270,  3, 5, 0, 4",
    "-90,  3, 5, 0, 4",
  })
  void quarterTurnsMoveAKnownCornerPixel(double angle, int width, int height, int x, int y) {
    Mat marked = solid(5, 3, 3, RED);
    paint(marked, 0, 0, 1, 1, MARK);
    try (Image input = new Image(marked, 1);
        Image output = op.apply(input, RotateStep.by(angle))) {
      assertThat(output.width()).isEqualTo(width);
      assertThat(output.height()).isEqualTo(height);
      assertThat(output.hasAlpha()).isFalse();
      assertThat(pixel(output.mat(), x, y)).containsExactly(10, 20, 30);
    }
  }

  @Test
  void fourQuarterTurnsAreLossless() {
    try (Image input = new Image(noise(7, 5, 4), 1)) {
      Image turned = input;
      for (int i = 0; i < 4; i++) {
        Image next = op.apply(turned, RotateStep.by(90));
        if (turned != input) {
          turned.close();
        }
        turned = next;
      }
      try (Image back = turned) {
        assertThat(samePixels(back.mat(), input.mat())).isTrue();
      }
    }
  }

  @Test
  void fullTurnsAreNoChange() {
    try (Image input = new Image(noise(7, 5, 4), 1)) {
      assertThat(op.apply(input, RotateStep.by(0))).isSameAs(input);
      assertThat(op.apply(input, RotateStep.by(360))).isSameAs(input);
      assertThat(op.apply(input, RotateStep.by(-360))).isSameAs(input);
    }
  }

  @Test
  void anArbitraryAngleGrowsTheCanvasAndLeavesTransparentCorners() {
    try (Image input = new Image(solid(100, 50, 3, RED), 1);
        Image output = op.apply(input, RotateStep.by(30))) {
      // 100 cos 30 + 50 sin 30 = 111.6; 100 sin 30 + 50 cos 30 = 93.3
      assertThat(output.width()).isEqualTo(112);
      assertThat(output.height()).isEqualTo(94);
      assertThat(output.hasAlpha()).isTrue();
      assertThat(pixel(output.mat(), 0, 0)[3]).isZero();
      assertThat(pixel(output.mat(), 111, 93)[3]).isZero();
      assertThat(pixel(output.mat(), 56, 47)).containsExactly(0, 0, 255, 255);
      // bilinear edges: the colour stays red where the rotated border is partly covered
      int partial = 0;
      for (int x = 0; x < output.width(); x++) {
        int[] p = pixel(output.mat(), x, 20);
        if (p[3] > 0 && p[3] < 255) {
          partial++;
          assertThat(p[2]).isGreaterThan(250);
          assertThat(p[0]).isLessThan(5);
        }
      }
      assertThat(partial).isPositive();
    }
  }

  @Test
  void anOpaqueBackgroundKeepsAnImageWithoutAlphaWithoutAlpha() {
    try (Image input = new Image(solid(40, 40, 3, RED), 1);
        Image output = op.apply(input, new RotateStep(45.0, "#00ff00"))) {
      assertThat(output.width()).isEqualTo(57); // 40 √2 = 56.57
      assertThat(output.hasAlpha()).isFalse();
      assertThat(pixel(output.mat(), 0, 0)).containsExactly(0, 255, 0);
      assertThat(pixel(output.mat(), 28, 28)).containsExactly(0, 0, 255);
    }
  }

  @Test
  void spanToleratesRoundingNoise() {
    assertThat(RotateOp.span(99.9999999)).isEqualTo(100);
    assertThat(RotateOp.span(100.2)).isEqualTo(101);
    assertThat(RotateOp.span(0.0)).isEqualTo(1);
  }

  @Test
  void quarterTurnsKeepAlpha() {
    try (Image input = new Image(TestImages.halves(4, 2, 4, TestImages.TRANSPARENT, RED), 1);
        Image output = op.apply(input, RotateStep.by(90))) {
      // left half transparent; after a clockwise quarter turn it is the top half
      assertThat(pixel(output.mat(), 0, 0)[3]).isZero();
      assertThat(pixel(output.mat(), 0, 3)).containsExactly(0, 0, 255, 255);
    }
  }
}
