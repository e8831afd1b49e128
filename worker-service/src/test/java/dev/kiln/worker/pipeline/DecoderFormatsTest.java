package dev.kiln.worker.pipeline;

import static dev.kiln.worker.pipeline.TestImages.encode;
import static dev.kiln.worker.pipeline.TestImages.pixel;
import static dev.kiln.worker.pipeline.TestImages.quadrants;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.bytedeco.opencv.global.opencv_core.CV_16UC3;
import static org.bytedeco.opencv.global.opencv_core.CV_16UC4;
import static org.bytedeco.opencv.global.opencv_imgcodecs.IMWRITE_JPEG_PROGRESSIVE;
import static org.bytedeco.opencv.global.opencv_imgcodecs.IMWRITE_JPEG_QUALITY;
import static org.bytedeco.opencv.global.opencv_imgcodecs.IMWRITE_WEBP_QUALITY;

import dev.kiln.model.jobs.JobErrorCode;
import dev.kiln.model.pipeline.EncodeStep;
import dev.kiln.model.pipeline.OutputFormat;
import dev.kiln.model.pipeline.Step;
import java.awt.image.BufferedImage;
import java.awt.image.DataBuffer;
import java.awt.image.IndexColorModel;
import java.awt.image.Raster;
import java.awt.image.WritableRaster;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.List;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageTypeSpecifier;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageOutputStream;
import org.bytedeco.opencv.opencv_core.Mat;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Every input format Kiln reads, generated in the test (OpenCV, ImageIO) or, where neither writes
 * it, a tiny committed file; each decodes to 8-bit BGR(A) with the colours it was written with.
 */
class DecoderFormatsTest {

  private static final List<Step> PNG_ONLY = List.of(EncodeStep.of(OutputFormat.PNG));

  private final Decoder decoder = new Decoder(50_000_000);

  @BeforeAll
  static void loadOpenCv() {
    OpenCvRuntime.load();
  }

  @Test
  void jpegBaselineAndProgressive() {
    byte[] baseline = encode(quadrants(32, 32, 3), ".jpg", IMWRITE_JPEG_QUALITY, 95);
    byte[] progressive =
        encode(quadrants(32, 32, 3), ".jpg", IMWRITE_JPEG_QUALITY, 95, IMWRITE_JPEG_PROGRESSIVE, 1);
    assertThat(progressive).isNotEqualTo(baseline);
    for (byte[] jpeg : List.of(baseline, progressive)) {
      try (Image image = decoder.decode(jpeg, PNG_ONLY)) {
        assertQuadrants(image.mat(), 12);
      }
    }
  }

  @Test
  void cmykJpegBecomesRgb() {
    // Adobe's convention (what Photoshop writes and libjpeg expects): CMYK stored inverted.
    WritableRaster raster = Raster.createInterleavedRaster(DataBuffer.TYPE_BYTE, 32, 8, 4, null);
    for (int y = 0; y < 8; y++) {
      for (int x = 0; x < 32; x++) {
        int[] cmyk = x < 16 ? new int[] {255, 0, 0, 0} : new int[] {0, 0, 0, 128};
        for (int c = 0; c < 4; c++) {
          raster.setSample(x, y, c, 255 - cmyk[c]);
        }
      }
    }
    assertCyanAndGrey(jpegOfRaster(raster));
  }

  @Test
  void ycckJpegBecomesRgb() {
    // ImageMagick's CMYK JPEG (Adobe transform 2: YCCK): cyan on the left, 50 % black on the right.
    assertCyanAndGrey(resource("images/cmyk-ycck.jpg"));
  }

  @Test
  void pngInEveryColourType() {
    try (Mat sixteen = new Mat()) {
      quadrants(32, 32, 3).convertTo(sixteen, CV_16UC3, 257.0, 0.0);
      assertDecodes(encode(sixteen, ".png"), 3, 0);
    }
    try (Mat sixteenAlpha = new Mat()) {
      quadrants(32, 32, 4).convertTo(sixteenAlpha, CV_16UC4, 257.0, 0.0);
      assertDecodes(encode(sixteenAlpha, ".png"), 4, 0);
    }
    assertDecodes(encode(quadrants(32, 32, 3), ".png"), 3, 0);
    assertDecodes(encode(quadrants(32, 32, 4), ".png"), 4, 0);
    assertDecodes(imageIo(palette(false), "png"), 3, 0);
    assertDecodes(imageIo(palette(true), "png"), 4, 0);
  }

  @Test
  void greyPngsBecomeColourAndKeepAlpha() {
    BufferedImage plain =
        ImageTypeSpecifier.createGrayscale(8, DataBuffer.TYPE_BYTE, false)
            .createBufferedImage(8, 8);
    WritableRaster grey = plain.getRaster();
    for (int y = 0; y < 8; y++) {
      for (int x = 0; x < 8; x++) {
        grey.setSample(x, y, 0, 200);
      }
    }
    try (Image image = decoder.decode(imageIo(plain, "png"), PNG_ONLY)) {
      assertThat(pixel(image.mat(), 3, 3)).containsExactly(200, 200, 200);
    }
    BufferedImage ga =
        ImageTypeSpecifier.createGrayscale(8, DataBuffer.TYPE_BYTE, false, false)
            .createBufferedImage(8, 8);
    WritableRaster gaRaster = ga.getRaster();
    for (int y = 0; y < 8; y++) {
      for (int x = 0; x < 8; x++) {
        gaRaster.setSample(x, y, 0, 90);
        gaRaster.setSample(x, y, 1, x < 4 ? 0 : 255);
      }
    }
    try (Image image = decoder.decode(imageIo(ga, "png"), PNG_ONLY)) {
      assertThat(image.hasAlpha()).isTrue();
      assertThat(pixel(image.mat(), 6, 3)).containsExactly(90, 90, 90, 255);
      assertThat(pixel(image.mat(), 1, 3)[3]).isZero();
    }
  }

  @Test
  void webpLossyLosslessAndAlpha() {
    try (Image lossy =
        decoder.decode(encode(quadrants(32, 32, 3), ".webp", IMWRITE_WEBP_QUALITY, 90), PNG_ONLY)) {
      assertQuadrants(lossy.mat(), 24);
    }
    assertDecodes(encode(quadrants(32, 32, 3), ".webp", IMWRITE_WEBP_QUALITY, 101), 3, 0);
    Mat translucent = quadrants(32, 32, 4);
    TestImages.paint(translucent, 16, 16, 16, 16, new double[] {255, 255, 255, 100});
    assertDecodes(encode(translucent, ".webp", IMWRITE_WEBP_QUALITY, 101), 4, 0);
  }

  @Test
  void gifFirstFrameWithAndWithoutTransparency() {
    assertDecodes(imageIo(palette(false), "gif"), 3, 0);
    try (Image image = decoder.decode(imageIo(palette(true), "gif"), PNG_ONLY)) {
      assertThat(image.hasAlpha()).isTrue();
      assertThat(pixel(image.mat(), 28, 28)[3]).isZero(); // the transparent quadrant
      assertThat(pixel(image.mat(), 4, 4)).containsExactly(0, 0, 255, 255);
    }
  }

  @Test
  void bmpAndTiff() {
    assertDecodes(encode(quadrants(32, 32, 3), ".bmp"), 3, 0);
    assertDecodes(encode(quadrants(32, 32, 3), ".tiff"), 3, 0);
    assertDecodes(encode(quadrants(32, 32, 4), ".tiff"), 4, 0);
    try (Mat sixteen = new Mat()) {
      quadrants(32, 32, 3).convertTo(sixteen, CV_16UC3, 257.0, 0.0);
      assertDecodes(encode(sixteen, ".tiff"), 3, 0);
    }
  }

  @Test
  void gifHeaderClaimingTooManyPixelsFailsBeforeDecoding() {
    ByteBuffer gif = ByteBuffer.allocate(13).order(ByteOrder.LITTLE_ENDIAN);
    gif.put("GIF89a".getBytes()).putShort((short) 60000).putShort((short) 60000);
    assertFailure(gif.array(), JobErrorCode.IMAGE_TOO_LARGE);
  }

  @Test
  void brokenGifIsInvalid() {
    byte[] gif = imageIo(palette(false), "gif");
    assertFailure(java.util.Arrays.copyOf(gif, 30), JobErrorCode.INVALID_IMAGE);
  }

  @Test
  void knownButUnreadFormatsAreUnsupported() {
    assertFailure("8BPS\0\1rest of a photoshop file".getBytes(), JobErrorCode.UNSUPPORTED_FORMAT);
    assertFailure(
        new byte[] {(byte) 0xFF, 0x0A, 1, 2, 3, 4, 5, 6}, JobErrorCode.UNSUPPORTED_FORMAT);
    assertFailure("%PDF-1.7 ...".getBytes(), JobErrorCode.UNSUPPORTED_FORMAT);
  }

  private void assertCyanAndGrey(byte[] jpeg) {
    try (Image image = decoder.decode(jpeg, PNG_ONLY)) {
      assertThat(image.width()).isEqualTo(32);
      int[] cyan = pixel(image.mat(), 4, 4);
      int[] grey = pixel(image.mat(), 28, 4);
      assertThat(cyan[0]).as("blue").isGreaterThan(245);
      assertThat(cyan[1]).as("green").isGreaterThan(245);
      assertThat(cyan[2]).as("red").isLessThan(10);
      for (int c = 0; c < 3; c++) {
        assertThat(grey[c]).isBetween(120, 135);
      }
    }
  }

  /** Decodes to 8 bits with {@code channels} channels and the exact quadrant colours. */
  private void assertDecodes(byte[] bytes, int channels, int tolerance) {
    try (Image image = decoder.decode(bytes, PNG_ONLY)) {
      assertThat(image.mat().depth()).isZero(); // CV_8U
      assertThat(image.mat().channels()).isEqualTo(channels);
      assertQuadrants(image.mat(), tolerance);
    }
  }

  /** Top-left red, top-right green, bottom-left blue, bottom-right white (B, G, R). */
  private static void assertQuadrants(Mat mat, int tolerance) {
    int w = mat.cols();
    int h = mat.rows();
    assertNear(pixel(mat, w / 4, h / 4), new int[] {0, 0, 255}, tolerance);
    assertNear(pixel(mat, 3 * w / 4, h / 4), new int[] {0, 255, 0}, tolerance);
    assertNear(pixel(mat, w / 4, 3 * h / 4), new int[] {255, 0, 0}, tolerance);
    if (mat.channels() == 3 || pixel(mat, 3 * w / 4, 3 * h / 4)[3] > 0) {
      assertNear(pixel(mat, 3 * w / 4, 3 * h / 4), new int[] {255, 255, 255}, tolerance);
    }
  }

  private static void assertNear(int[] actual, int[] expected, int tolerance) {
    for (int c = 0; c < 3; c++) {
      assertThat(actual[c]).isBetween(expected[c] - tolerance, expected[c] + tolerance);
    }
  }

  /** The quadrants as a 4-colour palette image; with {@code transparent}, white is clear. */
  private static BufferedImage palette(boolean transparent) {
    byte[] r = {(byte) 255, 0, 0, (byte) 255};
    byte[] g = {0, (byte) 255, 0, (byte) 255};
    byte[] b = {0, 0, (byte) 255, (byte) 255};
    IndexColorModel colours =
        transparent ? new IndexColorModel(2, 4, r, g, b, 3) : new IndexColorModel(2, 4, r, g, b);
    BufferedImage image = new BufferedImage(32, 32, BufferedImage.TYPE_BYTE_INDEXED, colours);
    WritableRaster raster = image.getRaster();
    for (int y = 0; y < 32; y++) {
      for (int x = 0; x < 32; x++) {
        raster.setSample(x, y, 0, (y < 16 ? 0 : 2) + (x < 16 ? 0 : 1));
      }
    }
    return image;
  }

  private static byte[] imageIo(BufferedImage image, String format) {
    try {
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      if (!ImageIO.write(image, format, out)) {
        throw new IllegalStateException("ImageIO cannot write " + format);
      }
      return out.toByteArray();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A CMYK JPEG without an Adobe marker, from ImageIO's raster path. */
  private static byte[] jpegOfRaster(Raster raster) {
    try {
      ImageWriter writer = ImageIO.getImageWritersByFormatName("jpeg").next();
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      try (ImageOutputStream stream = ImageIO.createImageOutputStream(out)) {
        writer.setOutput(stream);
        writer.write(null, new IIOImage(raster, null, null), null);
      } finally {
        writer.dispose();
      }
      return out.toByteArray();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static byte[] resource(String name) {
    try (InputStream in = DecoderFormatsTest.class.getClassLoader().getResourceAsStream(name)) {
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private void assertFailure(byte[] input, JobErrorCode code) {
    assertThatThrownBy(() -> decoder.decode(input, PNG_ONLY))
        .isInstanceOf(PipelineException.class)
        .extracting(e -> ((PipelineException) e).code())
        .isEqualTo(code);
  }
}
