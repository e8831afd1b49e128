package dev.kiln.worker.pipeline.ops;

import static dev.kiln.worker.pipeline.TestImages.RED;
import static dev.kiln.worker.pipeline.TestImages.TRANSPARENT;
import static dev.kiln.worker.pipeline.TestImages.WHITE;
import static dev.kiln.worker.pipeline.TestImages.halves;
import static dev.kiln.worker.pipeline.TestImages.pixel;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.data.Offset.offset;

import dev.kiln.model.pipeline.BlurStep;
import dev.kiln.worker.pipeline.Image;
import dev.kiln.worker.pipeline.OpenCvRuntime;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class BlurOpTest {

  private static final double[] BLACK = {0, 0, 0, 255};

  private final BlurOp op = new BlurOp();

  @BeforeAll
  static void loadOpenCv() {
    OpenCvRuntime.load();
  }

  @Test
  void softensAnEdgeWithinThreeSigma() {
    // black | white, edge between x = 19 and x = 20
    try (Image input = new Image(halves(40, 10, 3, BLACK, WHITE), 1);
        Image output = op.apply(input, new BlurStep(2.0))) {
      int left = pixel(output.mat(), 19, 5)[0];
      int right = pixel(output.mat(), 20, 5)[0];
      assertThat(left).isBetween(60, 127);
      assertThat(right).isBetween(128, 195);
      assertThat(left + right).isCloseTo(255, offset(2));
      assertThat(pixel(output.mat(), 12, 5)).containsExactly(0, 0, 0); // 4 sigma away
      assertThat(pixel(output.mat(), 27, 5)).containsExactly(255, 255, 255);
    }
  }

  @Test
  void transparentPixelsDoNotDarkenTheSubject() {
    // transparent black | opaque red: the blurred edge fades in alpha, and stays red
    try (Image input = new Image(halves(40, 10, 4, TRANSPARENT, RED), 1);
        Image output = op.apply(input, new BlurStep(2.0))) {
      int[] edge = pixel(output.mat(), 19, 5);
      assertThat(edge[3]).isBetween(30, 220);
      assertThat(edge[2]).isGreaterThan(250);
      assertThat(edge[0]).isLessThan(5);
      assertThat(pixel(output.mat(), 30, 5)).containsExactly(0, 0, 255, 255);
      assertThat(pixel(output.mat(), 5, 5)[3]).isZero();
    }
  }
}
