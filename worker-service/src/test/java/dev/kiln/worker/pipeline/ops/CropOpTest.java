package dev.kiln.worker.pipeline.ops;

import static dev.kiln.worker.pipeline.TestImages.pixel;
import static dev.kiln.worker.pipeline.TestImages.quadrants;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kiln.model.jobs.JobErrorCode;
import dev.kiln.model.pipeline.CropStep;
import dev.kiln.worker.pipeline.Image;
import dev.kiln.worker.pipeline.OpenCvRuntime;
import dev.kiln.worker.pipeline.PipelineException;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class CropOpTest {

  private final CropOp op = new CropOp();

  @BeforeAll
  static void loadOpenCv() {
    OpenCvRuntime.load();
  }

  @Test
  void keepsExactlyTheRectangle() {
    // 40x20 quadrants: the top-right 20x10 is green, the bottom-right white.
    try (Image input = new Image(quadrants(40, 20, 4), 1);
        Image output = op.apply(input, new CropStep(20, 0, 20, 10))) {
      assertThat(output.width()).isEqualTo(20);
      assertThat(output.height()).isEqualTo(10);
      assertThat(output.hasAlpha()).isTrue();
      assertThat(pixel(output.mat(), 0, 0)).containsExactly(0, 255, 0, 255);
      assertThat(pixel(output.mat(), 19, 9)).containsExactly(0, 255, 0, 255);
    }
  }

  @Test
  void aRectangleReachingPastTheEdgeIsClampedToTheImage() {
    try (Image input = new Image(quadrants(40, 20, 3), 1);
        Image output = op.apply(input, new CropStep(30, 15, 100, 100))) {
      assertThat(output.width()).isEqualTo(10);
      assertThat(output.height()).isEqualTo(5);
      assertThat(pixel(output.mat(), 9, 4)).containsExactly(255, 255, 255);
    }
  }

  @Test
  void aRectangleOutsideTheImageFailsWithItsCode() {
    try (Image input = new Image(quadrants(40, 20, 3), 1)) {
      assertThatThrownBy(() -> op.apply(input, new CropStep(40, 0, 5, 5)))
          .isInstanceOf(PipelineException.class)
          .hasMessageContaining("outside the 40x20 image")
          .extracting(e -> ((PipelineException) e).code())
          .isEqualTo(JobErrorCode.CROP_OUTSIDE_IMAGE);
      assertThatThrownBy(() -> op.apply(input, new CropStep(0, 20, 5, 5)))
          .isInstanceOf(PipelineException.class);
    }
  }

  @Test
  void theWholeImageIsNoChange() {
    try (Image input = new Image(quadrants(40, 20, 3), 1)) {
      assertThat(op.apply(input, new CropStep(null, null, 40, 20))).isSameAs(input);
      assertThat(op.apply(input, new CropStep(0, 0, 400, 200))).isSameAs(input);
    }
  }
}
