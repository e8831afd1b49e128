package dev.kiln.worker.pipeline.ops;

import static dev.kiln.worker.pipeline.TestImages.RED;
import static dev.kiln.worker.pipeline.TestImages.pixel;
import static dev.kiln.worker.pipeline.TestImages.solid;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.data.Offset.offset;

import dev.kiln.model.pipeline.ShadowStep;
import dev.kiln.worker.pipeline.Image;
import dev.kiln.worker.pipeline.OpenCvRuntime;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class ShadowOpTest {

  private final ShadowOp op = new ShadowOp();

  @BeforeAll
  static void loadOpenCv() {
    OpenCvRuntime.load();
  }

  @Test
  void aHardShadowSitsBelowRightAtHalfOpacity() {
    try (Image input = new Image(solid(20, 20, 3, RED), 1);
        Image output = op.apply(input, new ShadowStep(5, 5, 0.0, "black", 0.5))) {
      assertThat(output.width()).isEqualTo(25);
      assertThat(output.height()).isEqualTo(25);
      assertThat(output.hasAlpha()).isTrue();
      assertThat(pixel(output.mat(), 0, 0)).containsExactly(0, 0, 255, 255); // the image
      assertThat(pixel(output.mat(), 19, 19)).containsExactly(0, 0, 255, 255);
      int[] shadow = pixel(output.mat(), 24, 24);
      assertThat(shadow).startsWith(0, 0, 0);
      assertThat(shadow[3]).isCloseTo(128, offset(1));
      assertThat(pixel(output.mat(), 24, 2)[3]).isZero(); // beside the shadow's top
      assertThat(pixel(output.mat(), 2, 24)[3]).isZero();
    }
  }

  @Test
  void aNegativeOffsetGrowsTheCanvasLeftAndUp() {
    try (Image input = new Image(solid(20, 10, 3, RED), 1);
        Image output = op.apply(input, new ShadowStep(-6, 0, 0.0, "#00ff00", 1.0))) {
      assertThat(output.width()).isEqualTo(26);
      assertThat(output.height()).isEqualTo(10);
      assertThat(pixel(output.mat(), 0, 5)).containsExactly(0, 255, 0, 255);
      assertThat(pixel(output.mat(), 6, 5)).containsExactly(0, 0, 255, 255);
    }
  }

  @Test
  void aBlurredShadowGetsRoomForItsEdgeAndFadesOut() {
    // sigma 2 reaches 6 px: offset 5 → margins 1 left/top, 11 right/bottom
    try (Image input = new Image(solid(20, 20, 3, RED), 1);
        Image output = op.apply(input, new ShadowStep(5, 5, 2.0, "black", 1.0))) {
      assertThat(output.width()).isEqualTo(32);
      assertThat(output.height()).isEqualTo(32);
      assertThat(pixel(output.mat(), 1, 1)).containsExactly(0, 0, 255, 255);
      assertThat(pixel(output.mat(), 31, 31)[3]).isLessThan(3);
      int[] edge = pixel(output.mat(), 26, 16); // on the shadow's right edge
      assertThat(edge[3]).isBetween(80, 180);
      assertThat(pixel(output.mat(), 22, 16)[3]).isGreaterThan(240);
    }
  }

  @Test
  void marginsCoverTheShadowOnEverySide() {
    assertThat(ShadowOp.Margins.of(5, -3, 6)).isEqualTo(new ShadowOp.Margins(1, 9, 11, 3));
    assertThat(ShadowOp.Margins.of(10, 10, 0)).isEqualTo(new ShadowOp.Margins(0, 0, 10, 10));
  }
}
