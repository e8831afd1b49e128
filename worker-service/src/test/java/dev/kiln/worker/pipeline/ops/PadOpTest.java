package dev.kiln.worker.pipeline.ops;

import static dev.kiln.worker.pipeline.TestImages.RED;
import static dev.kiln.worker.pipeline.TestImages.pixel;
import static dev.kiln.worker.pipeline.TestImages.solid;
import static org.assertj.core.api.Assertions.assertThat;

import dev.kiln.model.pipeline.PadStep;
import dev.kiln.worker.pipeline.Image;
import dev.kiln.worker.pipeline.OpenCvRuntime;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class PadOpTest {

  private static final int[] OPAQUE_RED = {0, 0, 255, 255};

  private final PadOp op = new PadOp();

  @BeforeAll
  static void loadOpenCv() {
    OpenCvRuntime.load();
  }

  @Test
  void centresTheImageOnATransparentCanvas() {
    try (Image input = new Image(solid(20, 10, 3, RED), 1);
        Image output = op.apply(input, PadStep.canvas(40, 40))) {
      assertThat(output.width()).isEqualTo(40);
      assertThat(output.height()).isEqualTo(40);
      assertThat(output.hasAlpha()).isTrue();
      assertThat(pixel(output.mat(), 10, 15)).containsExactly(OPAQUE_RED);
      assertThat(pixel(output.mat(), 29, 24)).containsExactly(OPAQUE_RED);
      assertThat(pixel(output.mat(), 9, 15)[3]).isZero();
      assertThat(pixel(output.mat(), 30, 24)[3]).isZero();
      assertThat(pixel(output.mat(), 10, 14)[3]).isZero();
      assertThat(pixel(output.mat(), 10, 25)[3]).isZero();
    }
  }

  @Test
  void squareUsesTheLongerSide() {
    try (Image input = new Image(solid(20, 10, 4, RED), 1);
        Image output = op.apply(input, PadStep.toSquare())) {
      assertThat(output.width()).isEqualTo(20);
      assertThat(output.height()).isEqualTo(20);
      assertThat(pixel(output.mat(), 0, 4)[3]).isZero();
      assertThat(pixel(output.mat(), 0, 5)).containsExactly(OPAQUE_RED);
      assertThat(pixel(output.mat(), 19, 14)).containsExactly(OPAQUE_RED);
      assertThat(pixel(output.mat(), 19, 15)[3]).isZero();
    }
  }

  @Test
  void anOddLeftoverGoesRightAndAnOpaqueColourAddsNoAlpha() {
    try (Image input = new Image(solid(20, 10, 3, RED), 1);
        Image output = op.apply(input, new PadStep(23, null, false, "white"))) {
      assertThat(output.width()).isEqualTo(23);
      assertThat(output.height()).isEqualTo(10);
      assertThat(output.hasAlpha()).isFalse();
      assertThat(pixel(output.mat(), 0, 0)).containsExactly(255, 255, 255);
      assertThat(pixel(output.mat(), 1, 0)).containsExactly(0, 0, 255);
      assertThat(pixel(output.mat(), 20, 0)).containsExactly(0, 0, 255);
      assertThat(pixel(output.mat(), 21, 0)).containsExactly(255, 255, 255);
    }
  }

  @Test
  void neverCrops() {
    try (Image input = new Image(solid(20, 10, 3, RED), 1)) {
      assertThat(op.apply(input, PadStep.canvas(10, 10))).isSameAs(input);
      try (Image output = op.apply(input, PadStep.canvas(10, 16))) {
        assertThat(output.width()).isEqualTo(20);
        assertThat(output.height()).isEqualTo(16);
      }
    }
  }
}
