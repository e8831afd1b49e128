package dev.kiln.worker.pipeline.ops;

import static dev.kiln.worker.pipeline.TestImages.pixel;
import static dev.kiln.worker.pipeline.TestImages.quadrants;
import static org.assertj.core.api.Assertions.assertThat;

import dev.kiln.model.pipeline.FlipDirection;
import dev.kiln.model.pipeline.FlipStep;
import dev.kiln.worker.pipeline.Image;
import dev.kiln.worker.pipeline.OpenCvRuntime;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class FlipOpTest {

  private final FlipOp op = new FlipOp();

  @BeforeAll
  static void loadOpenCv() {
    OpenCvRuntime.load();
  }

  /** Quadrants red, green / blue, white: the colour that ends up top-left (B, G, R). */
  @ParameterizedTest(name = "{0}")
  @CsvSource({
    "HORIZONTAL, 0,   255, 0",
    "VERTICAL,   255, 0,   0",
    "BOTH,       255, 255, 255",
  })
  void mirrorsExactly(FlipDirection direction, int blue, int green, int red) {
    try (Image input = new Image(quadrants(6, 4, 4), 1);
        Image output = op.apply(input, new FlipStep(direction))) {
      assertThat(output.width()).isEqualTo(6);
      assertThat(output.height()).isEqualTo(4);
      assertThat(pixel(output.mat(), 0, 0)).containsExactly(blue, green, red, 255);
      assertThat(pixel(output.mat(), 2, 1)).containsExactly(blue, green, red, 255);
    }
  }
}
