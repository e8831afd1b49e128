package dev.kiln.worker.pipeline.ops;

import static dev.kiln.worker.pipeline.TestImages.RED;
import static dev.kiln.worker.pipeline.TestImages.disc;
import static dev.kiln.worker.pipeline.TestImages.pixel;
import static dev.kiln.worker.pipeline.TestImages.solid;
import static org.assertj.core.api.Assertions.assertThat;

import dev.kiln.model.pipeline.OutlineStep;
import dev.kiln.worker.pipeline.Image;
import dev.kiln.worker.pipeline.OpenCvRuntime;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class OutlineOpTest {

  private static final int[] OPAQUE_WHITE = {255, 255, 255, 255};
  private static final int[] OPAQUE_RED = {0, 0, 255, 255};

  private final OutlineOp op = new OutlineOp();

  @BeforeAll
  static void loadOpenCv() {
    OpenCvRuntime.load();
  }

  @Test
  void aRedDiscGetsAnOpaqueWhiteRingOfTheWidthAndTransparencyBeyond() {
    // Disc of radius 20 centred at (30, 30) in 60x60; the canvas grows by 8 → 76x76, centre 38.
    try (Image input = new Image(disc(60, 20, RED, false), 1);
        Image output = op.apply(input, new OutlineStep(8, "white"))) {
      assertThat(output.width()).isEqualTo(76);
      assertThat(output.height()).isEqualTo(76);
      int c = 38;
      assertThat(pixel(output.mat(), c, c)).containsExactly(OPAQUE_RED);
      assertThat(pixel(output.mat(), c + 20, c)).containsExactly(OPAQUE_RED); // disc's edge
      for (int d = 1; d <= 8; d++) { // the ring, on all four sides
        assertThat(pixel(output.mat(), c + 20 + d, c))
            .as("right +%d", d)
            .containsExactly(OPAQUE_WHITE);
        assertThat(pixel(output.mat(), c - 20 - d, c))
            .as("left +%d", d)
            .containsExactly(OPAQUE_WHITE);
        assertThat(pixel(output.mat(), c, c + 20 + d))
            .as("down +%d", d)
            .containsExactly(OPAQUE_WHITE);
        assertThat(pixel(output.mat(), c, c - 20 - d))
            .as("up +%d", d)
            .containsExactly(OPAQUE_WHITE);
      }
      for (int d = 10; c + 20 + d < 76; d++) {
        assertThat(pixel(output.mat(), c + 20 + d, c)[3]).as("beyond +%d", d).isZero();
      }
      // along the diagonal: 20 / √2 ≈ 14.1 is the disc, up to (20 + 8) / √2 ≈ 19.8 the ring
      assertThat(pixel(output.mat(), c + 13, c + 13)).containsExactly(OPAQUE_RED);
      assertThat(pixel(output.mat(), c + 17, c + 17)).containsExactly(OPAQUE_WHITE);
      assertThat(pixel(output.mat(), c + 22, c + 22)[3]).isZero();
      assertThat(pixel(output.mat(), 0, 0)[3]).isZero();
    }
  }

  @Test
  void theRingsOuterEdgeIsAsSoftAsTheSubjectsEdge() {
    try (Image input = new Image(disc(60, 20, RED, true), 1);
        Image output = op.apply(input, new OutlineStep(8, "white"))) {
      int partial = 0;
      for (int x = 38; x < 76; x++) {
        int[] p = pixel(output.mat(), x, 38 + 9);
        if (p[3] > 0 && p[3] < 255) {
          partial++;
          assertThat(p).startsWith(255, 255, 255); // white, fading out: no dark fringe
        }
      }
      assertThat(partial).isPositive();
    }
  }

  @Test
  void anImageWithoutAlphaGetsARoundedFrame() {
    try (Image input = new Image(solid(20, 10, 3, RED), 1);
        Image output = op.apply(input, new OutlineStep(4, "#0000ff"))) {
      assertThat(output.width()).isEqualTo(28);
      assertThat(output.height()).isEqualTo(18);
      assertThat(output.hasAlpha()).isTrue();
      assertThat(pixel(output.mat(), 14, 0)).containsExactly(255, 0, 0, 255); // above an edge
      assertThat(pixel(output.mat(), 4, 4)).containsExactly(OPAQUE_RED);
      assertThat(pixel(output.mat(), 0, 0)[3]).isZero(); // 4 √2 from the corner: rounded off
    }
  }

  @Test
  void aTranslucentColourGivesATranslucentRing() {
    try (Image input = new Image(disc(40, 10, RED, false), 1);
        Image output = op.apply(input, new OutlineStep(3, "#ffffff80"))) {
      assertThat(pixel(output.mat(), 23 + 12, 23)).containsExactly(255, 255, 255, 128);
    }
  }
}
