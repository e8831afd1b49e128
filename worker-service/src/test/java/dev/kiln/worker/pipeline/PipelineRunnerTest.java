package dev.kiln.worker.pipeline;

import static dev.kiln.worker.pipeline.TestImages.decode;
import static dev.kiln.worker.pipeline.TestImages.encode;
import static dev.kiln.worker.pipeline.TestImages.quadrants;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kiln.model.pipeline.AutoOrientStep;
import dev.kiln.model.pipeline.EncodeStep;
import dev.kiln.model.pipeline.OutputFormat;
import dev.kiln.model.pipeline.ResizeStep;
import dev.kiln.model.pipeline.Step;
import dev.kiln.worker.pipeline.ops.AutoOrientOp;
import dev.kiln.worker.pipeline.ops.EncodeOp;
import dev.kiln.worker.pipeline.ops.ResizeOp;
import java.util.ArrayList;
import java.util.List;
import org.bytedeco.opencv.opencv_core.Mat;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class PipelineRunnerTest {

  private final PipelineRunner runner =
      new PipelineRunner(
          new OpRegistry(List.of(new AutoOrientOp(), new ResizeOp())), new EncodeOp(), 50_000_000);

  @BeforeAll
  static void loadOpenCv() {
    OpenCvRuntime.load();
  }

  @Test
  void runsEveryStepInOrderAndEncodes() {
    byte[] jpeg = TestImages.withExifOrientation(encode(quadrants(800, 600, 3), ".jpg"), 6);
    List<Step> steps =
        List.of(
            new AutoOrientStep(),
            ResizeStep.contain(120, 120),
            new EncodeStep(OutputFormat.WEBP, 75, false, null));
    List<String> seen = new ArrayList<>();

    EncodedImage out = runner.run(jpeg, steps, (index, step) -> seen.add(index + ":" + step.op()));

    assertThat(seen).containsExactly("0:auto_orient", "1:resize", "2:encode");
    assertThat(out.mimeType()).isEqualTo("image/webp");
    assertThat(out.width()).isEqualTo(90); // upright 600x800 into 120x120
    assertThat(out.height()).isEqualTo(120);
    try (Mat back = decode(out.bytes())) {
      assertThat(back.cols()).isEqualTo(90);
      assertThat(back.rows()).isEqualTo(120);
    }
  }

  @Test
  void aListenerThatThrowsStopsTheRun() {
    byte[] png = encode(quadrants(64, 64, 4), ".png");
    List<Step> steps = List.of(ResizeStep.contain(32, 32), EncodeStep.of(OutputFormat.PNG));
    List<String> seen = new ArrayList<>();

    assertThatThrownBy(
            () ->
                runner.run(
                    png,
                    steps,
                    (index, step) -> {
                      seen.add(step.op());
                      if (index == 1) {
                        throw new IllegalStateException("stop");
                      }
                    }))
        .hasMessage("stop");
    assertThat(seen).containsExactly("resize", "encode");
  }

  @Test
  void manyRunsReleaseTheirNativeMemory() {
    byte[] png = encode(quadrants(256, 256, 4), ".png");
    List<Step> steps = List.of(ResizeStep.contain(64, 64), EncodeStep.of(OutputFormat.WEBP));
    long before = org.bytedeco.javacpp.Pointer.totalBytes();
    for (int i = 0; i < 50; i++) {
      runner.run(png, steps, (index, step) -> {});
    }
    assertThat(org.bytedeco.javacpp.Pointer.totalBytes() - before).isLessThan(64 * 1024);
  }
}
