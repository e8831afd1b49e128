package dev.kiln.worker.pipeline;

import static dev.kiln.worker.pipeline.TestImages.encode;
import static dev.kiln.worker.pipeline.TestImages.pixel;
import static dev.kiln.worker.pipeline.TestImages.solid;
import static org.assertj.core.api.Assertions.assertThat;
import static org.bytedeco.opencv.global.opencv_imgcodecs.IMWRITE_JPEG_QUALITY;
import static org.bytedeco.opencv.global.opencv_imgcodecs.IMWRITE_WEBP_QUALITY;

import dev.kiln.model.pipeline.EncodeStep;
import dev.kiln.model.pipeline.OutputFormat;
import dev.kiln.model.pipeline.Step;
import java.awt.color.ColorSpace;
import java.awt.color.ICC_Profile;
import java.util.List;
import org.bytedeco.opencv.opencv_core.Mat;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Inputs tagged with a wide-gamut profile come out in sRGB; sRGB-tagged and untagged inputs are
 * left as they are. sRGB's pure red written in Adobe RGB is about (219, 0, 0) and in Display P3
 * about (234, 51, 35): converted, both read (255, 0, 0) again.
 */
class ColourProfileTest {

  private static final List<Step> PNG_ONLY = List.of(EncodeStep.of(OutputFormat.PNG));
  private static final double[] ADOBE_RED = {0, 0, 219, 255};
  private static final double[] P3_RED = {35, 51, 234, 255};

  private final Decoder decoder = new Decoder(50_000_000);

  @BeforeAll
  static void loadOpenCv() {
    OpenCvRuntime.load();
  }

  @Test
  void adobeRgbPngIsConvertedToSrgb() {
    byte[] png =
        IccFixtures.inPng(encode(solid(16, 16, 3, ADOBE_RED), ".png"), IccFixtures.adobeRgb());
    assertThat(decodedCentre(png)).satisfies(bgr -> assertNear(bgr, 0, 0, 255, 4));
  }

  @Test
  void displayP3JpegIsConvertedToSrgb() {
    byte[] jpeg =
        IccFixtures.inJpeg(
            encode(solid(16, 16, 3, P3_RED), ".jpg", IMWRITE_JPEG_QUALITY, 100),
            IccFixtures.displayP3());
    assertThat(decodedCentre(jpeg)).satisfies(bgr -> assertNear(bgr, 0, 0, 255, 6));
  }

  @Test
  void displayP3WebpIsConvertedToSrgb() {
    byte[] simple = encode(solid(16, 16, 3, P3_RED), ".webp", IMWRITE_WEBP_QUALITY, 100);
    byte[] webp = IccFixtures.inWebp(simple, 16, 16, IccFixtures.displayP3());
    assertThat(decodedCentre(webp)).satisfies(bgr -> assertNear(bgr, 0, 0, 255, 8));
  }

  @Test
  void alphaSurvivesTheConversion() {
    byte[] png =
        IccFixtures.inPng(
            encode(solid(8, 8, 4, new double[] {0, 0, 219, 77}), ".png"), IccFixtures.adobeRgb());
    try (Image image = decoder.decode(png, PNG_ONLY)) {
      int[] bgra = pixel(image.mat(), 4, 4);
      assertThat(bgra[3]).isEqualTo(77);
      assertNear(bgra, 0, 0, 255, 4);
    }
  }

  @Test
  void greyStaysGreyAcrossProfiles() {
    byte[] png =
        IccFixtures.inPng(
            encode(solid(8, 8, 3, new double[] {128, 128, 128, 255}), ".png"),
            IccFixtures.adobeRgb());
    assertThat(decodedCentre(png)).satisfies(bgr -> assertNear(bgr, 129, 129, 129, 2));
  }

  @Test
  void srgbTaggedAndUntaggedInputsAreLeftAsTheyAre() {
    byte[] plain = encode(solid(8, 8, 3, ADOBE_RED), ".png");
    byte[] srgb = ICC_Profile.getInstance(ColorSpace.CS_sRGB).getData();
    assertThat(SrgbConversion.needed(srgb)).isFalse();
    assertThat(decodedCentre(plain)).containsExactly(0, 0, 219);
    assertThat(decodedCentre(IccFixtures.inPng(plain, srgb))).containsExactly(0, 0, 219);
  }

  @Test
  void wideGamutProfilesAreRecognisedFromTheirBytes() {
    assertThat(SrgbConversion.needed(IccFixtures.adobeRgb())).isTrue();
    assertThat(SrgbConversion.needed(IccFixtures.displayP3())).isTrue();
    assertThat(SrgbConversion.needed(new byte[200])).isFalse(); // malformed: ignored
  }

  @Test
  void theProfileIsFoundInEveryContainer() {
    byte[] profile = IccFixtures.adobeRgb();
    byte[] png = IccFixtures.inPng(encode(solid(4, 4, 3, ADOBE_RED), ".png"), profile);
    byte[] jpeg = IccFixtures.inJpeg(encode(solid(4, 4, 3, ADOBE_RED), ".jpg"), profile);
    byte[] webp = IccFixtures.inWebp(encode(solid(4, 4, 3, ADOBE_RED), ".webp"), 4, 4, profile);
    assertThat(EmbeddedProfile.read(png, dev.kiln.model.image.ImageFormat.PNG)).contains(profile);
    assertThat(EmbeddedProfile.read(jpeg, dev.kiln.model.image.ImageFormat.JPEG)).contains(profile);
    assertThat(EmbeddedProfile.read(webp, dev.kiln.model.image.ImageFormat.WEBP)).contains(profile);
  }

  private int[] decodedCentre(byte[] bytes) {
    try (Image image = decoder.decode(bytes, PNG_ONLY)) {
      Mat mat = image.mat();
      return pixel(mat, mat.cols() / 2, mat.rows() / 2);
    }
  }

  private static void assertNear(int[] bgr, int b, int g, int r, int tolerance) {
    assertThat(bgr[0]).as("blue").isBetween(b - tolerance, b + tolerance);
    assertThat(bgr[1]).as("green").isBetween(g - tolerance, g + tolerance);
    assertThat(bgr[2]).as("red").isBetween(r - tolerance, r + tolerance);
  }
}
