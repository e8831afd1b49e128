package dev.kiln.worker.pipeline.ops;

import static dev.kiln.worker.pipeline.TestImages.pixel;
import static dev.kiln.worker.pipeline.TestImages.quadrants;
import static dev.kiln.worker.pipeline.TestImages.solid;
import static org.assertj.core.api.Assertions.assertThat;

import dev.kiln.model.pipeline.GrayscaleStep;
import dev.kiln.worker.pipeline.Image;
import dev.kiln.worker.pipeline.OpenCvRuntime;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class GrayscaleOpTest {

  private final GrayscaleOp op = new GrayscaleOp();

  @BeforeAll
  static void loadOpenCv() {
    OpenCvRuntime.load();
  }

  @Test
  void colourBecomesItsLuma() {
    try (Image input = new Image(quadrants(4, 4, 3), 1);
        Image output = op.apply(input, new GrayscaleStep())) {
      assertThat(output.mat().channels()).isEqualTo(3);
      assertThat(pixel(output.mat(), 0, 0)).containsExactly(76, 76, 76); // red: 0.299 × 255
      assertThat(pixel(output.mat(), 3, 0)).containsExactly(150, 150, 150); // green: 0.587
      assertThat(pixel(output.mat(), 0, 3)).containsExactly(29, 29, 29); // blue: 0.114
      assertThat(pixel(output.mat(), 3, 3)).containsExactly(255, 255, 255);
    }
  }

  @Test
  void alphaIsKept() {
    try (Image input = new Image(solid(4, 4, 4, new double[] {0, 255, 0, 77}), 1);
        Image output = op.apply(input, new GrayscaleStep())) {
      assertThat(output.hasAlpha()).isTrue();
      assertThat(pixel(output.mat(), 1, 1)).containsExactly(150, 150, 150, 77);
    }
  }
}
