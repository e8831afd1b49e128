package dev.kiln.worker.pipeline.ops;

import static dev.kiln.worker.pipeline.TestImages.RED;
import static dev.kiln.worker.pipeline.TestImages.disc;
import static org.assertj.core.api.Assertions.assertThat;

import dev.kiln.model.pipeline.BlurStep;
import dev.kiln.model.pipeline.CropStep;
import dev.kiln.model.pipeline.Fit;
import dev.kiln.model.pipeline.FlipDirection;
import dev.kiln.model.pipeline.FlipStep;
import dev.kiln.model.pipeline.GrayscaleStep;
import dev.kiln.model.pipeline.OutlineStep;
import dev.kiln.model.pipeline.PadStep;
import dev.kiln.model.pipeline.ResizeStep;
import dev.kiln.model.pipeline.RotateStep;
import dev.kiln.model.pipeline.ShadowStep;
import dev.kiln.model.pipeline.SharpenStep;
import dev.kiln.model.pipeline.Step;
import dev.kiln.model.pipeline.TrimStep;
import dev.kiln.worker.pipeline.Image;
import dev.kiln.worker.pipeline.OpRegistry;
import dev.kiln.worker.pipeline.OpenCvRuntime;
import dev.kiln.worker.pipeline.TestOps;
import java.util.stream.Stream;
import org.bytedeco.javacpp.Pointer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Each op, run many times outside the runner's {@code PointerScope}, frees every native buffer it
 * allocates: the process's resident memory does not grow with the number of runs. A leak of even
 * the output alone (1 MB here) would add 60 MB over the 60 runs.
 */
class OpsNativeMemoryTest {

  private static final int RUNS = 60;
  private static final long TOLERATED_GROWTH = 20L * 1024 * 1024;

  private final OpRegistry ops = new OpRegistry(TestOps.imageOps());

  @BeforeAll
  static void loadOpenCv() {
    OpenCvRuntime.load();
  }

  static Stream<Step> steps() {
    return Stream.of(
        new CropStep(1, 1, 500, 500),
        RotateStep.by(90),
        RotateStep.by(17),
        new FlipStep(FlipDirection.BOTH),
        new GrayscaleStep(),
        new BlurStep(2.0),
        new SharpenStep(null, null),
        TrimStep.withDefaults(),
        new OutlineStep(8, null),
        new ShadowStep(null, null, null, null, null),
        PadStep.canvas(600, 600),
        ResizeStep.contain(256, 256),
        new ResizeStep(1000, 150, Fit.FILL, true));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("steps")
  void repeatedRunsDoNotGrowNativeMemory(Step step) {
    try (Image input = new Image(disc(512, 200, RED, true), 1)) {
      applyTimes(input, step, 3); // warm up allocator arenas
      long before = Pointer.physicalBytes();
      applyTimes(input, step, RUNS);
      assertThat(Pointer.physicalBytes() - before).isLessThan(TOLERATED_GROWTH);
    }
  }

  private void applyTimes(Image input, Step step, int times) {
    for (int i = 0; i < times; i++) {
      Image output = ops.apply(input, step);
      if (output != input) {
        output.close();
      }
    }
  }
}
