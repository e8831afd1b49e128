package dev.kiln.worker.pipeline.ops;

import static dev.kiln.worker.pipeline.TestImages.TRANSPARENT;
import static dev.kiln.worker.pipeline.TestImages.halves;
import static dev.kiln.worker.pipeline.TestImages.pixel;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.data.Offset.offset;

import dev.kiln.model.pipeline.SharpenStep;
import dev.kiln.worker.pipeline.Image;
import dev.kiln.worker.pipeline.OpenCvRuntime;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class SharpenOpTest {

  private static final double[] DARK = {100, 100, 100, 255};
  private static final double[] LIGHT = {150, 150, 150, 255};
  private static final double[] GREY = {128, 128, 128, 255};

  private final SharpenOp op = new SharpenOp();

  @BeforeAll
  static void loadOpenCv() {
    OpenCvRuntime.load();
  }

  @Test
  void steepensAnEdgeAndLeavesFlatAreas() {
    try (Image input = new Image(halves(40, 10, 3, DARK, LIGHT), 1);
        Image output = op.apply(input, new SharpenStep(1.0, 1.0))) {
      assertThat(pixel(output.mat(), 19, 5)[1]).isLessThan(95); // undershoot before the edge
      assertThat(pixel(output.mat(), 20, 5)[1]).isGreaterThan(155); // overshoot after it
      assertThat(pixel(output.mat(), 5, 5)).containsExactly(100, 100, 100);
      assertThat(pixel(output.mat(), 35, 5)).containsExactly(150, 150, 150);
    }
  }

  @Test
  void moreAmountIsStronger() {
    try (Image input = new Image(halves(40, 10, 3, DARK, LIGHT), 1);
        Image soft = op.apply(input, new SharpenStep(1.0, 0.5));
        Image hard = op.apply(input, new SharpenStep(1.0, 3.0))) {
      assertThat(pixel(hard.mat(), 20, 5)[0]).isGreaterThan(pixel(soft.mat(), 20, 5)[0]);
    }
  }

  @Test
  void zeroAmountIsNoChange() {
    try (Image input = new Image(halves(40, 10, 3, DARK, LIGHT), 1)) {
      assertThat(op.apply(input, new SharpenStep(1.0, 0.0))).isSameAs(input);
    }
  }

  @Test
  void theHiddenColourOfTransparentPixelsDoesNotRingIntoTheSubject() {
    // Transparent black next to opaque grey: a plain unsharp mask would brighten the grey edge
    // against the invisible black; weighting by alpha leaves it grey, and alpha untouched.
    try (Image input = new Image(halves(40, 10, 4, TRANSPARENT, GREY), 1);
        Image output = op.apply(input, new SharpenStep(2.0, 2.0))) {
      int[] edge = pixel(output.mat(), 20, 5);
      assertThat(edge[0]).isCloseTo(128, offset(2));
      assertThat(edge[3]).isEqualTo(255);
      assertThat(pixel(output.mat(), 19, 5)[3]).isZero();
    }
  }
}
