package dev.kiln.worker.pipeline;

import static dev.kiln.worker.pipeline.TestImages.encode;
import static dev.kiln.worker.pipeline.TestImages.pixel;
import static dev.kiln.worker.pipeline.TestImages.quadrants;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.bytedeco.opencv.global.opencv_core.CV_16UC1;

import dev.kiln.model.image.ImageFormat;
import dev.kiln.model.image.ImageInfo;
import dev.kiln.model.jobs.JobErrorCode;
import dev.kiln.model.pipeline.AutoOrientStep;
import dev.kiln.model.pipeline.EncodeStep;
import dev.kiln.model.pipeline.Fit;
import dev.kiln.model.pipeline.OutputFormat;
import dev.kiln.model.pipeline.RemoveBackgroundStep;
import dev.kiln.model.pipeline.ResizeStep;
import dev.kiln.model.pipeline.Step;
import java.util.Base64;
import java.util.List;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Scalar;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class DecoderTest {

  private static final List<Step> PNG_ONLY = List.of(EncodeStep.of(OutputFormat.PNG));

  private final Decoder decoder = new Decoder(50_000_000);

  @BeforeAll
  static void loadOpenCv() {
    OpenCvRuntime.load();
  }

  @Test
  void bytesThatAreNoImageAreInvalid() {
    assertFailure("hello, not an image".getBytes(), JobErrorCode.INVALID_IMAGE);
  }

  @Test
  void knownHeaderWithBrokenBodyIsInvalid() {
    byte[] png = encode(quadrants(8, 8, 3), ".png");
    byte[] truncated = java.util.Arrays.copyOf(png, 40);
    assertFailure(truncated, JobErrorCode.INVALID_IMAGE);
  }

  @Test
  void headerClaimingTooManyPixelsFailsBeforeDecoding() {
    assertFailure(TestImages.pngHeader(100_000, 100_000), JobErrorCode.IMAGE_TOO_LARGE);
  }

  @Test
  void avifIsUnsupported() {
    byte[] avif = new byte[32];
    System.arraycopy("ftypavif".getBytes(), 0, avif, 4, 8);
    assertFailure(avif, JobErrorCode.UNSUPPORTED_FORMAT);
  }

  @Test
  void everySupportedFormatDecodes() {
    // 1x1 GIF89a, the smallest valid one.
    byte[] gif =
        Base64.getDecoder().decode("R0lGODlhAQABAIAAAP///wAAACH5BAEAAAAALAAAAAABAAEAAAICRAEAOw==");
    byte[][] inputs = {
      encode(quadrants(8, 8, 3), ".jpg"),
      encode(quadrants(8, 8, 4), ".png"),
      encode(quadrants(8, 8, 4), ".webp"),
      encode(quadrants(8, 8, 3), ".bmp"),
      encode(quadrants(8, 8, 3), ".tiff"),
      gif,
    };
    for (byte[] input : inputs) {
      try (Image image = decoder.decode(input, PNG_ONLY)) {
        assertThat(image.width()).isPositive();
        assertThat(image.mat().channels()).isIn(3, 4);
      }
    }
  }

  @Test
  void alphaIsKeptWhereTheFormatHasIt() {
    try (Image png = decoder.decode(encode(quadrants(8, 8, 4), ".png"), PNG_ONLY)) {
      assertThat(png.hasAlpha()).isTrue();
    }
  }

  @Test
  void greyAndSixteenBitBecomeEightBitColour() {
    byte[] grey16;
    try (Mat grey = new Mat(4, 4, CV_16UC1, new Scalar(65535.0))) {
      grey16 = encode(grey, ".png");
    }
    try (Image image = decoder.decode(grey16, PNG_ONLY)) {
      assertThat(image.mat().channels()).isEqualTo(3);
      assertThat(image.mat().depth()).isZero(); // CV_8U
      assertThat(pixel(image.mat(), 1, 1)).containsExactly(255, 255, 255);
    }
  }

  @Test
  void largeJpegBeforeASmallResizeIsDecodedReduced() {
    byte[] jpeg = encode(quadrants(800, 600, 3), ".jpg");
    List<Step> steps = List.of(ResizeStep.contain(100, 100), EncodeStep.of(OutputFormat.PNG));
    try (Image image = decoder.decode(jpeg, steps)) {
      assertThat(image.width()).isEqualTo(100); // 1/8 gives the 100x75 result directly
      assertThat(image.height()).isEqualTo(75);
    }
    List<Step> larger = List.of(ResizeStep.contain(150, 150), EncodeStep.of(OutputFormat.PNG));
    try (Image image = decoder.decode(jpeg, larger)) {
      assertThat(image.width()).isEqualTo(200); // 1/4: the largest that still shrinks to 150x113
      assertThat(image.height()).isEqualTo(150);
    }
  }

  @Test
  void reductionKeepsTheResultSizeExact() {
    ImageInfo photo = new ImageInfo(ImageFormat.JPEG, 4000, 3000);
    assertThat(factor(photo, 1, ResizeStep.contain(512, 512))).isEqualTo(4);
    assertThat(factor(photo, 1, ResizeStep.contain(400, 400))).isEqualTo(8);
    assertThat(factor(photo, 1, ResizeStep.contain(2000, 2000))).isEqualTo(2);
    assertThat(factor(photo, 1, ResizeStep.contain(3000, 3000))).isEqualTo(1);
    assertThat(factor(photo, 1, new ResizeStep(512, 512, Fit.COVER, false))).isEqualTo(4);
    // an odd size whose rounding would differ after reduction
    assertThat(factor(new ImageInfo(ImageFormat.JPEG, 1001, 999), 1, ResizeStep.contain(333, 333)))
        .isIn(1, 2);
    // not a resize first: no reduction
    assertThat(Decoder.reductionFactor(photo, 1, List.of(EncodeStep.of(OutputFormat.PNG))))
        .isEqualTo(1);
  }

  @Test
  void reductionPlansOnTheOrientedSizeWhenAutoOrientComesFirst() {
    // Stored 3000 wide and 4000 high; orientation 6 turns it 4000x3000. A box 1000 high allows
    // 1/2 on the upright image (3000 high) but 1/4 on the stored one (4000 high).
    ImageInfo stored = new ImageInfo(ImageFormat.JPEG, 3000, 4000);
    ResizeStep box = new ResizeStep(null, 1000, Fit.CONTAIN, false);
    assertThat(Decoder.reductionFactor(stored, 6, List.of(new AutoOrientStep(), box))).isEqualTo(2);
    assertThat(Decoder.reductionFactor(stored, 6, List.of(box))).isEqualTo(4);
  }

  @Test
  void aCutOutBeforeTheResizeLetsTheReductionThroughDownTo1024Pixels() {
    List<Step> sticker =
        List.of(
            new AutoOrientStep(),
            new RemoveBackgroundStep(null, null),
            new ResizeStep(512, 512, Fit.CONTAIN, true),
            EncodeStep.of(OutputFormat.WEBP));
    assertThat(Decoder.reductionFactor(new ImageInfo(ImageFormat.JPEG, 4000, 3000), 1, sticker))
        .isEqualTo(2); // 2000 wide; a quarter (1000) would cut out a coarser subject
    assertThat(Decoder.reductionFactor(new ImageInfo(ImageFormat.JPEG, 6028, 3391), 1, sticker))
        .isEqualTo(4);
    assertThat(Decoder.reductionFactor(new ImageInfo(ImageFormat.JPEG, 1600, 1200), 1, sticker))
        .isEqualTo(1);
    List<Step> cutOnly =
        List.of(new RemoveBackgroundStep(null, null), EncodeStep.of(OutputFormat.PNG));
    assertThat(Decoder.reductionFactor(new ImageInfo(ImageFormat.JPEG, 4000, 3000), 1, cutOnly))
        .isEqualTo(1);
  }

  private static int factor(ImageInfo info, int orientation, ResizeStep resize) {
    return Decoder.reductionFactor(
        info, orientation, List.of(resize, EncodeStep.of(OutputFormat.PNG)));
  }

  private void assertFailure(byte[] input, JobErrorCode code) {
    assertThatThrownBy(() -> decoder.decode(input, PNG_ONLY))
        .isInstanceOf(PipelineException.class)
        .extracting(e -> ((PipelineException) e).code())
        .isEqualTo(code);
  }
}
