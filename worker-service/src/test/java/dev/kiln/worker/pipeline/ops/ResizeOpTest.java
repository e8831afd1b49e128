package dev.kiln.worker.pipeline.ops;

import static dev.kiln.worker.pipeline.TestImages.BLUE;
import static dev.kiln.worker.pipeline.TestImages.RED;
import static dev.kiln.worker.pipeline.TestImages.TRANSPARENT;
import static dev.kiln.worker.pipeline.TestImages.WHITE;
import static dev.kiln.worker.pipeline.TestImages.halves;
import static dev.kiln.worker.pipeline.TestImages.paint;
import static dev.kiln.worker.pipeline.TestImages.pixel;
import static dev.kiln.worker.pipeline.TestImages.solid;
import static org.assertj.core.api.Assertions.assertThat;

import dev.kiln.model.pipeline.Fit;
import dev.kiln.model.pipeline.ResizeStep;
import dev.kiln.worker.pipeline.Image;
import dev.kiln.worker.pipeline.OpenCvRuntime;
import org.bytedeco.opencv.opencv_core.Mat;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ResizeOpTest {

  private final ResizeOp op = new ResizeOp();

  @BeforeAll
  static void loadOpenCv() {
    OpenCvRuntime.load();
  }

  @ParameterizedTest(name = "{0}x{1} {4} into {2}x{3} (upscale {5}) -> {6}x{7}")
  @CsvSource(
      nullValues = "-",
      value = {
        // shrinking
        "400, 200, 100, 100, contain, false, 100,  50",
        "400, 200,  50,   -, contain, false,  50,  25",
        "400, 200,   -,  50, contain, false, 100,  50",
        "400, 200, 100, 100, cover,   false, 100, 100",
        "400, 200, 100, 100, fill,    false, 100, 100",
        "400, 200, 100, 100, inside,  false, 100,  50",
        // enlarging only when allowed, never for inside
        " 40,  20, 100, 100, contain, false,  40,  20",
        " 40,  20, 100, 100, contain, true,  100,  50",
        " 40,  20, 100, 100, inside,  true,   40,  20",
        " 40,  20, 100, 100, fill,    false,  40,  20",
        " 40,  20, 100, 100, fill,    true,  100, 100",
        " 40,  20, 100, 100, cover,   true,  100, 100",
        // cover without upscale crops to the box as far as the image reaches
        "300, 100, 200, 200, cover,   false, 200, 100",
      })
  void outputSize(
      int width,
      int height,
      Integer boxWidth,
      Integer boxHeight,
      String fit,
      boolean upscale,
      int expectedWidth,
      int expectedHeight) {
    ResizeStep step = new ResizeStep(boxWidth, boxHeight, Fit.valueOf(fit.toUpperCase()), upscale);
    try (Image input = new Image(solid(width, height, 3, RED), 1);
        Image output = op.apply(input, step)) {
      assertThat(output.width()).isEqualTo(expectedWidth);
      assertThat(output.height()).isEqualTo(expectedHeight);
      assertThat(pixel(output.mat(), expectedWidth / 2, expectedHeight / 2))
          .containsExactly(0, 0, 255);
    }
  }

  @Test
  void nothingToDoReturnsTheSameImage() {
    try (Image input = new Image(solid(40, 20, 3, RED), 1)) {
      assertThat(op.apply(input, ResizeStep.contain(100, 100))).isSameAs(input);
      assertThat(op.apply(input, ResizeStep.contain(40, 20))).isSameAs(input);
    }
  }

  @Test
  void coverKeepsTheCentre() {
    // 400x200: red left half, blue right half; the centred 200x200 crop scaled to 100x100 keeps
    // red on its left edge and blue on its right edge.
    try (Image input = new Image(halves(400, 200, 3, RED, BLUE), 1);
        Image output = op.apply(input, new ResizeStep(100, 100, Fit.COVER, false))) {
      assertThat(pixel(output.mat(), 2, 50)).containsExactly(0, 0, 255);
      assertThat(pixel(output.mat(), 97, 50)).containsExactly(255, 0, 0);
    }
  }

  @Test
  void alphaIsKeptAndTransparentPixelsDoNotDarkenEdges() {
    // Transparent black on the left, opaque red on the right: where they blend, alpha is partial
    // but the colour stays red (premultiplied resampling), not a dark red.
    // 410 wide, edge at x = 205: output pixel 20 of 41 covers 200..210, half of each side.
    try (Image input = new Image(halves(410, 100, 4, TRANSPARENT, RED), 1);
        Image output = op.apply(input, ResizeStep.contain(41, 41))) {
      assertThat(output.hasAlpha()).isTrue();
      assertThat(output.width()).isEqualTo(41);
      assertThat(pixel(output.mat(), 1, 3)[3]).isZero();
      assertThat(pixel(output.mat(), 39, 3)).containsExactly(0, 0, 255, 255);
      int[] edge = pixel(output.mat(), 20, 3);
      assertThat(edge[3]).isBetween(1, 254);
      assertThat(edge[2]).isGreaterThan(250);
    }
  }

  @Test
  void fillThatShrinksOneAxisAndEnlargesTheOtherAveragesTheShrinkingAxis() {
    // One-pixel black and white columns, 300 → 100 wide (area: each output pixel averages 3
    // columns, so 85 or 170) while 10 → 40 high. Bicubic across would sample single columns
    // (0 or 255): aliasing.
    Mat stripes = solid(300, 10, 3, new double[] {0, 0, 0, 255});
    for (int x = 1; x < 300; x += 2) {
      paint(stripes, x, 0, 1, 10, WHITE);
    }
    try (Image input = new Image(stripes, 1);
        Image output = op.apply(input, new ResizeStep(100, 40, Fit.FILL, true))) {
      assertThat(output.width()).isEqualTo(100);
      assertThat(output.height()).isEqualTo(40);
      for (int x = 0; x < 100; x++) {
        assertThat(pixel(output.mat(), x, 20)[0]).as("x = %d", x).isBetween(80, 175);
      }
    }
  }

  @Test
  void planIsPureArithmetic() {
    assertThat(ResizeOp.plan(4000, 3000, ResizeStep.contain(512, 512)))
        .isEqualTo(new ResizeOp.Plan(512, 384, 512, 384));
    assertThat(ResizeOp.plan(4000, 3000, new ResizeStep(512, 512, Fit.COVER, false)))
        .isEqualTo(new ResizeOp.Plan(683, 512, 512, 512));
  }
}
