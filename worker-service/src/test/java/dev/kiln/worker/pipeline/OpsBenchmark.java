package dev.kiln.worker.pipeline;

import static dev.kiln.worker.pipeline.TestImages.RED;
import static dev.kiln.worker.pipeline.TestImages.disc;
import static dev.kiln.worker.pipeline.TestImages.noise;

import dev.kiln.model.pipeline.BlurStep;
import dev.kiln.model.pipeline.CropStep;
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
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/**
 * Median time of each op on two generated inputs: a 1024×1024 cut-out (a disc on transparency, the
 * sticker case) and a 2048×1536 opaque photo-sized image. Not a test: run it on purpose with {@code
 * ./mvnw -B -pl shared-model,worker-service test -Dtest=OpsBenchmark
 * -Dsurefire.failIfNoSpecifiedTests=false} and read the printed table.
 */
class OpsBenchmark {

  private static final int WARMUP = 3;
  private static final int RUNS = 15;

  private final OpRegistry ops = new OpRegistry(TestOps.imageOps());

  @Test
  void printMedians() {
    OpenCvRuntime.load();
    try (Image cutOut = new Image(disc(1024, 400, RED, true), 1);
        Image photo = new Image(noise(2048, 1536, 7), 1)) {
      System.out.printf("%-36s %12s%n", "op on input", "median ms");
      time("trim (cut-out)", cutOut, TrimStep.withDefaults());
      time("outline 8 (cut-out)", cutOut, new OutlineStep(8, null));
      time("outline 32 (cut-out)", cutOut, new OutlineStep(32, null));
      time("outline 64 (cut-out)", cutOut, new OutlineStep(64, null));
      time("shadow blur 4 (cut-out)", cutOut, new ShadowStep(null, null, null, null, null));
      time("pad square 1100 (cut-out)", cutOut, PadStep.canvas(1100, 1100));
      time("resize contain 512 (cut-out)", cutOut, ResizeStep.contain(512, 512));
      time("crop 1000x1000 (photo)", photo, new CropStep(100, 100, 1000, 1000));
      time("rotate 90 (photo)", photo, RotateStep.by(90));
      time("rotate 17 (photo)", photo, RotateStep.by(17));
      time("flip both (photo)", photo, new FlipStep(FlipDirection.BOTH));
      time("grayscale (photo)", photo, new GrayscaleStep());
      time("blur sigma 2 (photo)", photo, new BlurStep(2.0));
      time("blur sigma 20 (photo)", photo, new BlurStep(20.0));
      time("sharpen (photo)", photo, new SharpenStep(null, null));
    }
  }

  private void time(String name, Image input, Step step) {
    double[] millis = new double[RUNS];
    for (int i = -WARMUP; i < RUNS; i++) {
      long start = System.nanoTime();
      Image output = ops.apply(input, step);
      long took = System.nanoTime() - start;
      if (output != input) {
        output.close();
      }
      if (i >= 0) {
        millis[i] = took / 1e6;
      }
    }
    Arrays.sort(millis);
    System.out.printf("%-36s %12.2f%n", name, millis[RUNS / 2]);
  }
}
