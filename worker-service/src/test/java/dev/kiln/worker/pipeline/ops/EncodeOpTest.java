package dev.kiln.worker.pipeline.ops;

import static dev.kiln.worker.pipeline.TestImages.RED;
import static dev.kiln.worker.pipeline.TestImages.TRANSPARENT;
import static dev.kiln.worker.pipeline.TestImages.decode;
import static dev.kiln.worker.pipeline.TestImages.halves;
import static dev.kiln.worker.pipeline.TestImages.noise;
import static dev.kiln.worker.pipeline.TestImages.pixel;
import static dev.kiln.worker.pipeline.TestImages.quadrants;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.data.Offset.offset;

import dev.kiln.model.jobs.JobErrorCode;
import dev.kiln.model.pipeline.EncodeStep;
import dev.kiln.model.pipeline.OutputFormat;
import dev.kiln.worker.pipeline.EncodedImage;
import dev.kiln.worker.pipeline.Image;
import dev.kiln.worker.pipeline.OpenCvRuntime;
import dev.kiln.worker.pipeline.PipelineException;
import org.bytedeco.opencv.opencv_core.Mat;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class EncodeOpTest {

  private final EncodeOp op = new EncodeOp();

  @BeforeAll
  static void loadOpenCv() {
    OpenCvRuntime.load();
  }

  @Test
  void pngKeepsEveryPixelAndAlpha() {
    try (Image image = new Image(halves(40, 20, 4, TRANSPARENT, RED), 1)) {
      EncodedImage png = op.encode(image, EncodeStep.of(OutputFormat.PNG));
      assertThat(png.mimeType()).isEqualTo("image/png");
      assertThat(png.bytes()).startsWith(0x89, 'P', 'N', 'G');
      try (Mat back = decode(png.bytes())) {
        assertThat(back.cols()).isEqualTo(40);
        assertThat(back.rows()).isEqualTo(20);
        assertThat(back.channels()).isEqualTo(4);
        assertThat(pixel(back, 5, 5)).containsExactly(0, 0, 0, 0);
        assertThat(pixel(back, 35, 5)).containsExactly(0, 0, 255, 255);
      }
    }
  }

  @Test
  void lossyWebpKeepsSizeAndAlpha() {
    try (Image image = new Image(halves(40, 20, 4, TRANSPARENT, RED), 1)) {
      EncodedImage webp = op.encode(image, new EncodeStep(OutputFormat.WEBP, 80, false, null));
      assertThat(webp.mimeType()).isEqualTo("image/webp");
      assertThat(webp.quality()).isEqualTo(80);
      try (Mat back = decode(webp.bytes())) {
        assertThat(back.cols()).isEqualTo(40);
        assertThat(back.rows()).isEqualTo(20);
        assertThat(back.channels()).isEqualTo(4);
        assertThat(pixel(back, 5, 5)[3]).isZero();
        assertThat(pixel(back, 35, 5)[2]).isCloseTo(255, offset(8));
      }
    }
  }

  @Test
  void losslessWebpKeepsEveryPixel() {
    try (Image image = new Image(quadrants(40, 20, 3), 1)) {
      EncodedImage webp = op.encode(image, new EncodeStep(OutputFormat.WEBP, null, true, null));
      assertThat(webp.quality()).isZero();
      try (Mat back = decode(webp.bytes())) {
        assertThat(pixel(back, 5, 5)).containsExactly(0, 0, 255);
        assertThat(pixel(back, 35, 15)).containsExactly(255, 255, 255);
      }
    }
  }

  @Test
  void jpegDropsAlphaOntoWhite() {
    try (Image image = new Image(halves(40, 20, 4, TRANSPARENT, RED), 1)) {
      EncodedImage jpeg = op.encode(image, new EncodeStep(OutputFormat.JPEG, 90, false, null));
      assertThat(jpeg.mimeType()).isEqualTo("image/jpeg");
      assertThat(jpeg.bytes()).startsWith(0xFF, 0xD8, 0xFF);
      try (Mat back = decode(jpeg.bytes())) {
        assertThat(back.channels()).isEqualTo(3);
        assertThat(java.util.Arrays.stream(pixel(back, 5, 10)).min().getAsInt()).isGreaterThan(245);
        int[] red = pixel(back, 35, 10);
        assertThat(red[2]).isGreaterThan(240);
        assertThat(red[1]).isLessThan(15);
      }
    }
  }

  @Test
  void higherQualityIsLarger() {
    try (Image image = new Image(noise(64, 64, 1), 1)) {
      long high = op.encode(image, new EncodeStep(OutputFormat.JPEG, 95, false, null)).sizeBytes();
      long low = op.encode(image, new EncodeStep(OutputFormat.JPEG, 30, false, null)).sizeBytes();
      assertThat(high).isGreaterThan(low);
    }
  }

  @Test
  void maxBytesStepsQualityDownUntilItFits() {
    try (Image image = new Image(noise(128, 128, 2), 1)) {
      long atFifty =
          op.encode(image, new EncodeStep(OutputFormat.WEBP, 50, false, null)).sizeBytes();
      EncodedImage fitted = op.encode(image, new EncodeStep(OutputFormat.WEBP, 90, false, atFifty));
      assertThat(fitted.sizeBytes()).isLessThanOrEqualTo(atFifty);
      assertThat(fitted.quality()).isBetween(50, 89);
    }
  }

  @Test
  void maxBytesThatCannotBeMetFails() {
    try (Image image = new Image(noise(128, 128, 3), 1)) {
      assertThatThrownBy(() -> op.encode(image, new EncodeStep(OutputFormat.JPEG, 80, false, 200L)))
          .isInstanceOf(PipelineException.class)
          .extracting(e -> ((PipelineException) e).code())
          .isEqualTo(JobErrorCode.OUTPUT_TOO_LARGE);
      assertThatThrownBy(
              () -> op.encode(image, new EncodeStep(OutputFormat.PNG, null, false, 200L)))
          .isInstanceOf(PipelineException.class)
          .hasMessageContaining("does not fit in 200 bytes");
    }
  }
}
