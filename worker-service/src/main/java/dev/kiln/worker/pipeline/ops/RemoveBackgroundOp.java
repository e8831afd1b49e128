package dev.kiln.worker.pipeline.ops;

import static org.bytedeco.opencv.global.opencv_core.countNonZero;
import static org.bytedeco.opencv.global.opencv_core.extractChannel;
import static org.bytedeco.opencv.global.opencv_core.insertChannel;
import static org.bytedeco.opencv.global.opencv_core.min;
import static org.bytedeco.opencv.global.opencv_imgproc.COLOR_BGR2BGRA;
import static org.bytedeco.opencv.global.opencv_imgproc.COLOR_BGRA2BGR;
import static org.bytedeco.opencv.global.opencv_imgproc.THRESH_BINARY;
import static org.bytedeco.opencv.global.opencv_imgproc.cvtColor;
import static org.bytedeco.opencv.global.opencv_imgproc.threshold;

import dev.kiln.model.jobs.JobErrorCode;
import dev.kiln.model.pipeline.RemoveBackgroundStep;
import dev.kiln.worker.pipeline.Image;
import dev.kiln.worker.pipeline.Op;
import dev.kiln.worker.pipeline.PipelineException;
import dev.kiln.worker.pipeline.cutout.Cutout;
import dev.kiln.worker.pipeline.cutout.CutoutMethod;
import dev.kiln.worker.pipeline.cutout.CutoutMethods;
import dev.kiln.worker.pipeline.cutout.CutoutSettings;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Rect;

/**
 * {@code remove_background}: cuts the subject out with the {@link CutoutMethod} the step asks for
 * ({@link CutoutMethods}: the segmentation model or the colour method) and returns it on a
 * transparent background (BGRA). An input that already has alpha keeps it where it is lower than
 * the cut's; an input whose border is already transparent is taken as cut out and returned as it
 * is. A cut that leaves (next to) nothing fails the job with {@code no_subject_found}: an empty
 * sticker is never what the client wanted.
 */
public class RemoveBackgroundOp implements Op<RemoveBackgroundStep> {

  /** Colour distance (8-bit Lab units) used when the step leaves {@code tolerance} out. */
  public static final double DEFAULT_TOLERANCE = 32;

  /** Soft-edge width in pixels used when the step leaves {@code feather} out. */
  public static final double DEFAULT_FEATHER = 1;

  /**
   * The decoder may shrink a JPEG on load for a pipeline that resizes after this step, but not
   * below this long side: the cut-out is worked out at about this size, so nothing is lost.
   */
  public static final int MIN_INPUT_SIDE = 1024;

  /** A subject smaller than this share of the image is noise the clean-up left: nothing. */
  static final double MIN_SUBJECT_FRACTION = 0.0005;

  /** Alpha below this is transparent when the border of an input with alpha is checked. */
  private static final double TRANSPARENT = 128;

  private final CutoutMethods methods;

  public RemoveBackgroundOp(CutoutMethods methods) {
    this.methods = methods;
  }

  @Override
  public Class<RemoveBackgroundStep> stepType() {
    return RemoveBackgroundStep.class;
  }

  @Override
  public Image apply(Image image, RemoveBackgroundStep step) {
    CutoutSettings settings =
        new CutoutSettings(
            orDefault(step.tolerance(), DEFAULT_TOLERANCE),
            orDefault(step.feather(), DEFAULT_FEATHER),
            step.mainSubjectOnly() == null || step.mainSubjectOnly());
    CutoutMethod method = methods.method(step.method());
    if (!image.hasAlpha()) {
      return cut(method, image, image.mat(), null, settings);
    }
    try (Mat alpha = new Mat();
        Mat bgr = new Mat()) {
      extractChannel(image.mat(), alpha, 3);
      if (borderIsTransparent(alpha)) {
        requireSubject(opaqueShare(alpha));
        return image;
      }
      cvtColor(image.mat(), bgr, COLOR_BGRA2BGR);
      return cut(method, image, bgr, alpha, settings);
    }
  }

  private static Image cut(
      CutoutMethod method, Image image, Mat bgr, Mat existingAlpha, CutoutSettings settings) {
    try (Cutout cutout = method.cut(bgr, settings)) {
      requireSubject(cutout.subjectFraction());
      Mat alpha = cutout.alpha();
      if (existingAlpha != null) {
        min(alpha, existingAlpha, alpha);
      }
      Mat out = new Mat();
      cvtColor(bgr, out, COLOR_BGR2BGRA);
      insertChannel(alpha, out, 3);
      return image.withMat(out);
    }
  }

  private static void requireSubject(double fraction) {
    if (fraction < MIN_SUBJECT_FRACTION) {
      throw new PipelineException(
          JobErrorCode.NO_SUBJECT_FOUND,
          "no subject stands out from the background (for the colour method: the whole image is"
              + " within the tolerance of the border's colour; try a lower tolerance)");
    }
  }

  /** Whether most of the outermost pixel ring is transparent. */
  private static boolean borderIsTransparent(Mat alpha) {
    int width = alpha.cols();
    int height = alpha.rows();
    Rect[] edges = {
      new Rect(0, 0, width, 1),
      new Rect(0, height - 1, width, 1),
      new Rect(0, 0, 1, height),
      new Rect(width - 1, 0, 1, height)
    };
    long opaque = 0;
    long total = 0;
    for (Rect edge : edges) {
      try (edge;
          Mat view = new Mat(alpha, edge)) {
        opaque += countAtLeast(view, TRANSPARENT);
        total += view.total();
      }
    }
    return opaque * 2 < total;
  }

  private static double opaqueShare(Mat alpha) {
    return countAtLeast(alpha, TRANSPARENT) / (double) alpha.total();
  }

  private static int countAtLeast(Mat mask, double value) {
    try (Mat over = new Mat()) {
      threshold(mask, over, value - 1, 255, THRESH_BINARY);
      return countNonZero(over);
    }
  }

  private static double orDefault(Number value, double fallback) {
    return value == null ? fallback : value.doubleValue();
  }
}
