package dev.kiln.worker.pipeline;

import static dev.kiln.worker.pipeline.TestImages.encode;
import static dev.kiln.worker.pipeline.TestImages.quadrants;
import static org.assertj.core.api.Assertions.assertThat;

import dev.kiln.model.pipeline.AutoOrientStep;
import dev.kiln.model.pipeline.EncodeStep;
import dev.kiln.model.pipeline.OutputFormat;
import dev.kiln.model.pipeline.ResizeStep;
import dev.kiln.worker.pipeline.ops.AutoOrientOp;
import dev.kiln.worker.pipeline.ops.EncodeOp;
import dev.kiln.worker.pipeline.ops.ResizeOp;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Results carry no metadata: no EXIF (camera, GPS, orientation already applied), no ICC profile
 * (pixels are sRGB, the default everywhere), whatever the input held.
 */
class MetadataStrippedTest {

  private static final String[] MARKERS = {"Exif", "ICC_PROFILE", "iCCP", "eXIf", "EXIF", "ICCP"};

  private final PipelineRunner runner =
      new PipelineRunner(
          new OpRegistry(List.of(new AutoOrientOp(), new ResizeOp())), new EncodeOp(), 50_000_000);

  @BeforeAll
  static void loadOpenCv() {
    OpenCvRuntime.load();
  }

  @ParameterizedTest
  @EnumSource(OutputFormat.class)
  void noExifAndNoProfileInTheOutput(OutputFormat format) {
    byte[] jpeg = TestImages.withExifOrientation(encode(quadrants(64, 48, 3), ".jpg"), 6);
    byte[] tagged = IccFixtures.inJpeg(jpeg, IccFixtures.displayP3());
    assertThat(contains(tagged, "Exif")).isTrue();
    assertThat(contains(tagged, "ICC_PROFILE")).isTrue();

    EncodedImage out =
        runner.run(
            tagged,
            List.of(new AutoOrientStep(), ResizeStep.contain(32, 32), EncodeStep.of(format)),
            (index, step) -> {});

    for (String marker : MARKERS) {
      assertThat(contains(out.bytes(), marker)).as(marker).isFalse();
    }
  }

  private static boolean contains(byte[] bytes, String text) {
    return new String(bytes, StandardCharsets.ISO_8859_1).contains(text);
  }
}
