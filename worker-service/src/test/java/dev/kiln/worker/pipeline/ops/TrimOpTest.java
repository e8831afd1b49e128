package dev.kiln.worker.pipeline.ops;

import static dev.kiln.worker.pipeline.TestImages.RED;
import static dev.kiln.worker.pipeline.TestImages.TRANSPARENT;
import static dev.kiln.worker.pipeline.TestImages.WHITE;
import static dev.kiln.worker.pipeline.TestImages.disc;
import static dev.kiln.worker.pipeline.TestImages.paint;
import static dev.kiln.worker.pipeline.TestImages.pixel;
import static dev.kiln.worker.pipeline.TestImages.solid;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kiln.model.jobs.JobErrorCode;
import dev.kiln.model.pipeline.TrimStep;
import dev.kiln.worker.pipeline.Image;
import dev.kiln.worker.pipeline.OpenCvRuntime;
import dev.kiln.worker.pipeline.PipelineException;
import org.bytedeco.opencv.opencv_core.Mat;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class TrimOpTest {

  private final TrimOp op = new TrimOp();

  @BeforeAll
  static void loadOpenCv() {
    OpenCvRuntime.load();
  }

  @Test
  void aTenPixelWhiteBorderLeavesTheExactInnerSize() {
    Mat framed = solid(50, 40, 3, WHITE);
    paint(framed, 10, 10, 30, 20, RED);
    try (Image input = new Image(framed, 1);
        Image output = op.apply(input, TrimStep.withDefaults())) {
      assertThat(output.width()).isEqualTo(30);
      assertThat(output.height()).isEqualTo(20);
      assertThat(pixel(output.mat(), 0, 0)).containsExactly(0, 0, 255);
      assertThat(pixel(output.mat(), 29, 19)).containsExactly(0, 0, 255);
    }
  }

  @Test
  void aTransparentBorderIsTrimmedToTheSubjectIncludingItsSoftEdge() {
    // anti-aliased disc of radius 10 in the middle of 60x60: the soft edge pixels count
    try (Image input = new Image(disc(60, 10, RED, true), 1);
        Image output = op.apply(input, new TrimStep(0))) {
      assertThat(output.width()).isBetween(21, 23);
      assertThat(output.height()).isEqualTo(output.width());
      assertThat(pixel(output.mat(), output.width() / 2, output.height() / 2))
          .containsExactly(0, 0, 255, 255);
    }
  }

  @Test
  void theThresholdDecidesWhatCountsAsBorder() {
    Mat framed = solid(30, 30, 3, WHITE);
    paint(framed, 0, 25, 30, 5, new double[] {250, 250, 250, 255}); // near-white band below
    paint(framed, 10, 10, 10, 10, RED);
    try (Image input = new Image(framed, 1);
        Image loose = op.apply(input, new TrimStep(10));
        Image strict = op.apply(input, new TrimStep(0))) {
      assertThat(loose.width()).isEqualTo(10); // the band is border within 10
      assertThat(loose.height()).isEqualTo(10);
      assertThat(strict.width()).isEqualTo(30); // exactly: the band is content
      assertThat(strict.height()).isEqualTo(20);
    }
  }

  @Test
  void anOpaqueCornerMeansColourNotTransparency() {
    // Opaque white corner: the border is white, so a transparent hole is content.
    Mat framed = solid(20, 20, 4, WHITE);
    paint(framed, 5, 5, 10, 8, TRANSPARENT);
    try (Image input = new Image(framed, 1);
        Image output = op.apply(input, TrimStep.withDefaults())) {
      assertThat(output.width()).isEqualTo(10);
      assertThat(output.height()).isEqualTo(8);
      assertThat(pixel(output.mat(), 0, 0)[3]).isZero();
    }
  }

  @Test
  void nothingToTrimIsNoChange() {
    Mat framed = solid(20, 20, 3, WHITE);
    paint(framed, 0, 0, 1, 1, RED);
    paint(framed, 19, 19, 1, 1, RED);
    try (Image input = new Image(framed, 1)) {
      assertThat(op.apply(input, TrimStep.withDefaults())).isSameAs(input);
    }
  }

  @Test
  void aUniformImageFailsWithItsCode() {
    try (Image white = new Image(solid(20, 20, 3, WHITE), 1);
        Image clear = new Image(solid(20, 20, 4, TRANSPARENT), 1)) {
      for (Image input : new Image[] {white, clear}) {
        assertThatThrownBy(() -> op.apply(input, TrimStep.withDefaults()))
            .isInstanceOf(PipelineException.class)
            .hasMessageContaining("20x20 image is one colour")
            .extracting(e -> ((PipelineException) e).code())
            .isEqualTo(JobErrorCode.UNIFORM_IMAGE);
      }
    }
  }
}
