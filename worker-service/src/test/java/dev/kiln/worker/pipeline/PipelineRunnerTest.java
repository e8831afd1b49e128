package dev.kiln.worker.pipeline;

import static dev.kiln.worker.pipeline.TestImages.RED;
import static dev.kiln.worker.pipeline.TestImages.TRANSPARENT;
import static dev.kiln.worker.pipeline.TestImages.decode;
import static dev.kiln.worker.pipeline.TestImages.disc;
import static dev.kiln.worker.pipeline.TestImages.encode;
import static dev.kiln.worker.pipeline.TestImages.pixel;
import static dev.kiln.worker.pipeline.TestImages.quadrants;
import static dev.kiln.worker.pipeline.TestImages.solid;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kiln.model.jobs.JobErrorCode;
import dev.kiln.model.pipeline.AutoOrientStep;
import dev.kiln.model.pipeline.BlurStep;
import dev.kiln.model.pipeline.CropStep;
import dev.kiln.model.pipeline.EncodeStep;
import dev.kiln.model.pipeline.FlipDirection;
import dev.kiln.model.pipeline.FlipStep;
import dev.kiln.model.pipeline.GrayscaleStep;
import dev.kiln.model.pipeline.OutlineStep;
import dev.kiln.model.pipeline.OutputFormat;
import dev.kiln.model.pipeline.PadStep;
import dev.kiln.model.pipeline.RemoveBackgroundStep;
import dev.kiln.model.pipeline.ResizeStep;
import dev.kiln.model.pipeline.RotateStep;
import dev.kiln.model.pipeline.ShadowStep;
import dev.kiln.model.pipeline.SharpenStep;
import dev.kiln.model.pipeline.Step;
import dev.kiln.model.pipeline.TrimStep;
import dev.kiln.model.presets.Preset;
import dev.kiln.model.presets.StickerOptions;
import dev.kiln.worker.pipeline.ops.AutoOrientOp;
import dev.kiln.worker.pipeline.ops.EncodeOp;
import dev.kiln.worker.pipeline.ops.PadOp;
import dev.kiln.worker.pipeline.ops.ResizeOp;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Rect;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class PipelineRunnerTest {

  private final PipelineRunner runner =
      new PipelineRunner(
          new OpRegistry(List.of(new AutoOrientOp(), new ResizeOp())), new EncodeOp(), 50_000_000);

  private final PipelineRunner allOps =
      new PipelineRunner(
          new OpRegistry(
              Stream.concat(Stream.of(new AutoOrientOp()), TestOps.imageOps().stream()).toList()),
          new EncodeOp(),
          50_000_000);

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
  void theStickerStepsAfterBackgroundRemovalMakeA512TransparentWebpUnder100Kb() {
    // A subject already cut out: a soft-edged disc on transparency, off-centre in 300x200.
    Mat cutOut = solid(300, 200, 4, TRANSPARENT);
    try (Mat subject = disc(120, 50, RED, true);
        Rect at = new Rect(20, 30, 120, 120);
        Mat region = new Mat(cutOut, at)) {
      subject.copyTo(region);
    }
    byte[] png = encode(cutOut, ".png");
    cutOut.close();
    List<Step> steps =
        Preset.STICKER.steps().stream().filter(s -> !(s instanceof RemoveBackgroundStep)).toList();

    EncodedImage out = allOps.run(png, steps, (index, step) -> {});

    assertThat(out.mimeType()).isEqualTo("image/webp");
    assertThat(out.sizeBytes()).isLessThanOrEqualTo(StickerOptions.DEFAULT_MAX_BYTES);
    try (Mat back = decode(out.bytes())) {
      assertThat(back.cols()).isEqualTo(512);
      assertThat(back.rows()).isEqualTo(512);
      assertThat(back.channels()).isEqualTo(4);
      assertThat(pixel(back, 256, 256)[2]).isGreaterThan(240); // red subject in the middle
      // The subject was scaled to 496 and then outlined: an 8 px white ring reaching the edge.
      // The enlarged disc has a soft edge of about 5 px, and so has the ring's outer edge: white
      // all the way, fading in, then opaque before the subject starts.
      int previousAlpha = 0;
      for (int y = 0; y <= 7; y++) {
        int[] ring = pixel(back, 256, y);
        assertThat(Math.min(ring[0], Math.min(ring[1], ring[2])))
            .as("y = %d", y)
            .isGreaterThan(235);
        assertThat(ring[3]).as("alpha at y = %d", y).isGreaterThanOrEqualTo(previousAlpha - 4);
        previousAlpha = ring[3];
      }
      assertThat(previousAlpha).isGreaterThan(250);
      int[] subject = pixel(back, 256, 24);
      assertThat(subject[2]).isGreaterThan(235);
      assertThat(subject[1]).isLessThan(30);
      assertThat(pixel(back, 2, 2)[3]).isZero(); // transparent corners
    }
  }

  @Test
  void aStepThatGrowsTheImagePastThePixelLimitFailsTheJob() {
    PipelineRunner small =
        new PipelineRunner(new OpRegistry(List.of(new PadOp())), new EncodeOp(), 10_000);
    byte[] png = encode(quadrants(64, 64, 4), ".png");
    List<Step> steps = List.of(PadStep.canvas(200, 200), EncodeStep.of(OutputFormat.PNG));

    assertThatThrownBy(() -> small.run(png, steps, (index, step) -> {}))
        .isInstanceOf(PipelineException.class)
        .hasMessage("pad made a 200x200 image (40000 pixels); the limit is 10000 pixels")
        .extracting(e -> ((PipelineException) e).code())
        .isEqualTo(JobErrorCode.IMAGE_TOO_LARGE);
  }

  @Test
  void everyOpRunsInOnePipelineAndReleasesItsNativeMemory() {
    byte[] png = encode(quadrants(96, 64, 4), ".png");
    List<Step> steps =
        List.of(
            new CropStep(4, 4, 88, 56),
            new RotateStep(90.0, null),
            new RotateStep(15.0, "white"),
            new FlipStep(FlipDirection.BOTH),
            new GrayscaleStep(),
            new BlurStep(1.0),
            new SharpenStep(null, null),
            new PadStep(null, null, true, "#ffffff"),
            TrimStep.withDefaults(),
            new OutlineStep(4, null),
            new ShadowStep(null, null, null, null, null),
            ResizeStep.contain(64, 64),
            EncodeStep.of(OutputFormat.WEBP));
    List<String> seen = new ArrayList<>();
    EncodedImage first = allOps.run(png, steps, (index, step) -> seen.add(step.op()));
    assertThat(seen).hasSize(steps.size()).contains("shadow", "trim");
    assertThat(Math.max(first.width(), first.height())).isEqualTo(64);

    long before = org.bytedeco.javacpp.Pointer.totalBytes();
    for (int i = 0; i < 30; i++) {
      allOps.run(png, steps, (index, step) -> {});
    }
    assertThat(org.bytedeco.javacpp.Pointer.totalBytes() - before).isLessThan(64 * 1024);
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
