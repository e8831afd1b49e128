package dev.kiln.worker.pipeline.ops;

import static dev.kiln.worker.pipeline.TestImages.pixel;
import static dev.kiln.worker.pipeline.TestImages.quadrants;
import static org.assertj.core.api.Assertions.assertThat;
import static org.bytedeco.opencv.global.opencv_imgcodecs.IMREAD_COLOR;
import static org.bytedeco.opencv.global.opencv_imgcodecs.IMWRITE_JPEG_QUALITY;

import dev.kiln.model.pipeline.AutoOrientStep;
import dev.kiln.model.pipeline.EncodeStep;
import dev.kiln.model.pipeline.OutputFormat;
import dev.kiln.model.pipeline.Step;
import dev.kiln.worker.pipeline.Decoder;
import dev.kiln.worker.pipeline.Image;
import dev.kiln.worker.pipeline.OpenCvRuntime;
import dev.kiln.worker.pipeline.TestImages;
import java.util.List;
import org.bytedeco.opencv.opencv_core.Mat;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class AutoOrientOpTest {

  private static final int[] RED = {0, 0, 255};
  private static final int[] GREEN = {0, 255, 0};
  private static final int[] BLUE = {255, 0, 0};
  private static final int[] WHITE = {255, 255, 255};

  private final AutoOrientOp op = new AutoOrientOp();

  @BeforeAll
  static void loadOpenCv() {
    OpenCvRuntime.load();
  }

  /**
   * A 4x2 image (red, green / blue, white quadrants) stored with each EXIF orientation: the upright
   * result's size and its top-left and top-right colours.
   */
  @ParameterizedTest(name = "orientation {0}")
  @CsvSource({
    "1, 4, 2, RED,   GREEN",
    "2, 4, 2, GREEN, RED",
    "3, 4, 2, WHITE, BLUE",
    "4, 4, 2, BLUE,  WHITE",
    "5, 2, 4, RED,   BLUE",
    "6, 2, 4, BLUE,  RED",
    "7, 2, 4, WHITE, GREEN",
    "8, 2, 4, GREEN, WHITE",
  })
  void turnsUpright(int orientation, int width, int height, String topLeft, String topRight) {
    try (Image input = new Image(quadrants(4, 2, 3), orientation);
        Image output = op.apply(input, new AutoOrientStep())) {
      assertThat(output.width()).isEqualTo(width);
      assertThat(output.height()).isEqualTo(height);
      assertThat(output.orientation()).isEqualTo(1);
      assertThat(pixel(output.mat(), 0, 0)).containsExactly(colour(topLeft));
      assertThat(pixel(output.mat(), width - 1, 0)).containsExactly(colour(topRight));
    }
  }

  @Test
  void uprightImageIsUntouched() {
    try (Image input = new Image(quadrants(4, 2, 3), 1)) {
      assertThat(op.apply(input, new AutoOrientStep())).isSameAs(input);
    }
  }

  @Test
  void jpegWithExifOrientationIsDecodedAsStoredThenTurnedByTheStep() {
    byte[] jpeg;
    try (Mat stored = quadrants(64, 32, 3)) {
      jpeg =
          TestImages.withExifOrientation(
              TestImages.encode(stored, ".jpg", IMWRITE_JPEG_QUALITY, 95), 6);
    }
    List<Step> steps = List.of(new AutoOrientStep(), EncodeStep.of(OutputFormat.PNG));
    try (Image decoded = new Decoder(1_000_000).decode(jpeg, steps);
        Image upright = op.apply(decoded, new AutoOrientStep())) {
      assertThat(decoded.orientation()).isEqualTo(6);
      assertThat(decoded.width()).isEqualTo(64); // stored pixel order
      assertThat(upright.width()).isEqualTo(32);
      assertThat(upright.height()).isEqualTo(64);
      assertClose(pixel(upright.mat(), 2, 2), BLUE); // 90° clockwise: bottom-left goes top-left
      assertClose(pixel(upright.mat(), 29, 2), RED);
      assertClose(pixel(upright.mat(), 29, 61), GREEN);
    }
  }

  /** Why the decoder passes IMREAD_IGNORE_ORIENTATION: plain IMREAD_COLOR would rotate already. */
  @Test
  void openCvAppliesExifOrientationByDefault() {
    byte[] jpeg;
    try (Mat stored = quadrants(64, 32, 3)) {
      jpeg = TestImages.withExifOrientation(TestImages.encode(stored, ".jpg"), 6);
    }
    try (Mat decoded = TestImages.decode(jpeg, IMREAD_COLOR)) {
      assertThat(decoded.cols()).isEqualTo(32);
      assertThat(decoded.rows()).isEqualTo(64);
    }
    try (Mat unchanged = TestImages.decode(jpeg)) {
      assertThat(unchanged.cols()).isEqualTo(64);
    }
  }

  private static int[] colour(String name) {
    return switch (name) {
      case "RED" -> RED;
      case "GREEN" -> GREEN;
      case "BLUE" -> BLUE;
      default -> WHITE;
    };
  }

  private static void assertClose(int[] actual, int[] expected) {
    for (int c = 0; c < expected.length; c++) {
      assertThat(actual[c])
          .as("channel %d of %s", c, java.util.Arrays.toString(actual))
          .isCloseTo(expected[c], org.assertj.core.data.Offset.offset(40));
    }
  }
}
