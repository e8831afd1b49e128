package dev.kiln.worker.pipeline.cutout.model;

import static org.bytedeco.opencv.global.opencv_core.CMP_GE;
import static org.bytedeco.opencv.global.opencv_core.CV_32F;
import static org.bytedeco.opencv.global.opencv_core.CV_32S;
import static org.bytedeco.opencv.global.opencv_core.CV_8U;
import static org.bytedeco.opencv.global.opencv_core.compare;
import static org.bytedeco.opencv.global.opencv_core.countNonZero;
import static org.bytedeco.opencv.global.opencv_imgproc.CC_STAT_AREA;
import static org.bytedeco.opencv.global.opencv_imgproc.COLOR_BGR2RGB;
import static org.bytedeco.opencv.global.opencv_imgproc.GaussianBlur;
import static org.bytedeco.opencv.global.opencv_imgproc.INTER_AREA;
import static org.bytedeco.opencv.global.opencv_imgproc.INTER_LINEAR;
import static org.bytedeco.opencv.global.opencv_imgproc.MORPH_ELLIPSE;
import static org.bytedeco.opencv.global.opencv_imgproc.connectedComponentsWithStats;
import static org.bytedeco.opencv.global.opencv_imgproc.cvtColor;
import static org.bytedeco.opencv.global.opencv_imgproc.dilate;
import static org.bytedeco.opencv.global.opencv_imgproc.getStructuringElement;
import static org.bytedeco.opencv.global.opencv_imgproc.resize;
import static org.bytedeco.opencv.global.opencv_ximgproc.guidedFilter;

import ai.onnxruntime.OrtException;
import dev.kiln.worker.pipeline.cutout.Cutout;
import dev.kiln.worker.pipeline.cutout.CutoutMethod;
import dev.kiln.worker.pipeline.cutout.CutoutSettings;
import java.nio.ByteBuffer;
import java.nio.FloatBuffer;
import java.nio.IntBuffer;
import java.util.List;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Point;
import org.bytedeco.opencv.opencv_core.Scalar;
import org.bytedeco.opencv.opencv_core.Size;

/**
 * The subject as a salient-object segmentation model sees it ({@link SegmentationModel}), its mask
 * refined on the photo's own edges:
 *
 * <ol>
 *   <li>The photo, stretched to the model's square input, RGB, normalised per channel.
 *   <li>The model's probability map, stretched to its full 0..1 range (the model is sure of some
 *       subject; a map that never passes {@link #SURE} has none) and made more decisive around one
 *       half, then scaled up to a working copy of the photo (long side {@link #WORK_SIDE}).
 *   <li>A guided filter with the photo as guide: the coarse mask takes the photo's edges, so the
 *       alpha follows the outline closely and stays partly transparent where hair or fur mixes
 *       subject and background.
 *   <li>Optionally only the main subject: parts of the mask far smaller than the largest and apart
 *       from it are dropped.
 *   <li>An optional wider soft edge ({@code feather} above 1 pixel), then the alpha at the photo's
 *       size.
 * </ol>
 */
public final class ModelCutout implements CutoutMethod {

  /** The long side of the working copy the mask is refined at, in pixels. */
  static final int WORK_SIDE = 1024;

  /** A map whose highest probability stays below this shows no subject. */
  static final float SURE = 0.5f;

  /**
   * How much more decisive the alpha is than the model's probability around one half. Measured on
   * the evaluation set (docs/engine.md): 2 raised the soft IoU median from 0.920 to 0.934 at the
   * same IoU; without it whole regions the model is unsure of (a second person, a leaf) come out as
   * ghosts at 30-70 % opacity. 4 adds no more.
   */
  static final float DECISION_GAIN = 2f;

  /** Refinement window of the guided filter, as a share of the working long side. */
  static final double GUIDE_RADIUS_OF_SIDE = 1 / 128.0;

  /**
   * Regularisation of the guided filter (guide values in 0..1). Measured on photos: 1e-2 snaps the
   * model's blurred outline onto the photo's edge; 1e-3 and below follow the subject's own shading
   * and widen the ramp instead.
   */
  static final double GUIDE_EPS = 1e-2;

  /** A part smaller than this share of the largest part is not the main subject. */
  static final double MAIN_PART_SHARE = 0.1;

  private final SegmentationModel model;
  private final float[] mean;
  private final float[] std;

  /**
   * @param mean per-channel means (R, G, B) of values in 0..1
   * @param std per-channel standard deviations (R, G, B)
   */
  public ModelCutout(SegmentationModel model, List<Float> mean, List<Float> std) {
    this.model = model;
    this.mean = floats(mean);
    this.std = floats(std);
  }

  @Override
  public Cutout cut(Mat bgr, CutoutSettings settings) {
    ProbabilityMap map = probabilities(bgr);
    int width = bgr.cols();
    int height = bgr.rows();
    double scale = Math.min(1.0, WORK_SIDE / (double) Math.max(width, height));
    int workWidth = Math.max(1, (int) Math.round(width * scale));
    int workHeight = Math.max(1, (int) Math.round(height * scale));
    try (Mat guide = guide(bgr, workWidth, workHeight);
        Mat coarse = coarse(map, workWidth, workHeight);
        Mat refined = new Mat()) {
      int radius =
          Math.max(2, (int) Math.round(Math.max(workWidth, workHeight) * GUIDE_RADIUS_OF_SIDE));
      guidedFilter(guide, coarse, refined, radius, GUIDE_EPS);
      try (Mat alpha = new Mat();
          Mat sure = new Mat()) {
        refined.convertTo(alpha, CV_8U, 255, 0); // saturates below 0 and above 1
        compare(alpha, new Mat(new Scalar(128)), sure, CMP_GE);
        if (settings.mainSubjectOnly()) {
          dropMinorParts(alpha, sure, radius);
        }
        double fraction = countNonZero(sure) / (double) sure.total();
        Mat soft = soften(alpha, settings.feather() * scale);
        return new Cutout(atSize(soft, width, height), fraction);
      }
    }
  }

  /** The model's map for {@code bgr}, stretched to 0..1; all zero when it shows no subject. */
  private ProbabilityMap probabilities(Mat bgr) {
    float[] chw = input(bgr);
    ProbabilityMap map;
    try {
      map = model.infer(chw);
    } catch (OrtException e) {
      throw new IllegalStateException("the segmentation model failed: " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while waiting for the segmentation model", e);
    }
    float[] values = map.values();
    float low = Float.MAX_VALUE;
    float high = -Float.MAX_VALUE;
    for (float value : values) {
      low = Math.min(low, value);
      high = Math.max(high, value);
    }
    float range = high - low;
    for (int i = 0; i < values.length; i++) {
      values[i] = high < SURE || range <= 0 ? 0 : decisive((values[i] - low) / range);
    }
    return map;
  }

  /**
   * A stretched probability pushed away from one half by {@link #DECISION_GAIN}: what the model
   * leans towards becomes subject or background, and only its truly unsure band stays partly
   * transparent, to be shaped by the guided filter.
   */
  static float decisive(float probability) {
    return Math.clamp((probability - 0.5f) * DECISION_GAIN + 0.5f, 0f, 1f);
  }

  /** The model's input: {@code bgr} stretched to its square, RGB, normalised, planes R, G, B. */
  private float[] input(Mat bgr) {
    int size = model.size();
    try (Mat square = new Mat();
        Mat rgb = new Mat();
        Mat scaled = new Mat();
        Size target = new Size(size, size)) {
      boolean shrinking = bgr.cols() >= size && bgr.rows() >= size;
      resize(bgr, square, target, 0, 0, shrinking ? INTER_AREA : INTER_LINEAR);
      cvtColor(square, rgb, COLOR_BGR2RGB);
      rgb.convertTo(scaled, CV_32F, 1 / 255.0, 0);
      float[] hwc = new float[size * size * 3];
      ((FloatBuffer) scaled.createBuffer()).get(hwc);
      float[] chw = new float[hwc.length];
      int plane = size * size;
      for (int pixel = 0; pixel < plane; pixel++) {
        for (int channel = 0; channel < 3; channel++) {
          chw[channel * plane + pixel] = (hwc[pixel * 3 + channel] - mean[channel]) / std[channel];
        }
      }
      return chw;
    }
  }

  /** The photo at the working size, as floats in 0..1: what the mask's edges are drawn from. */
  private static Mat guide(Mat bgr, int width, int height) {
    Mat guide = new Mat();
    try (Mat small = new Mat();
        Size size = new Size(width, height)) {
      Mat source = bgr;
      if (width != bgr.cols() || height != bgr.rows()) {
        resize(bgr, small, size, 0, 0, INTER_AREA);
        source = small;
      }
      source.convertTo(guide, CV_32F, 1 / 255.0, 0);
    }
    return guide;
  }

  /** The model's map scaled up to the working size ({@code CV_32F}). */
  private static Mat coarse(ProbabilityMap map, int width, int height) {
    Mat coarse = new Mat();
    try (Mat values = new Mat(map.height(), map.width(), CV_32F);
        Size size = new Size(width, height)) {
      ((FloatBuffer) values.createBuffer()).put(map.values());
      resize(values, coarse, size, 0, 0, INTER_LINEAR);
    }
    return coarse;
  }

  /**
   * Clears the parts of {@code alpha} (and {@code sure}) that are far smaller than the largest:
   * their sure pixels and the soft edge around them, {@code margin} pixels wide.
   */
  private static void dropMinorParts(Mat alpha, Mat sure, int margin) {
    try (Mat labels = new Mat();
        Mat stats = new Mat();
        Mat centroids = new Mat()) {
      int count = connectedComponentsWithStats(sure, labels, stats, centroids, 8, CV_32S);
      if (count <= 2) {
        return; // background and at most one part
      }
      IntBuffer table = stats.createBuffer();
      int columns = stats.cols();
      int largest = 0;
      for (int label = 1; label < count; label++) {
        largest = Math.max(largest, table.get(label * columns + CC_STAT_AREA));
      }
      boolean[] dropped = new boolean[count];
      boolean any = false;
      for (int label = 1; label < count; label++) {
        dropped[label] = table.get(label * columns + CC_STAT_AREA) < largest * MAIN_PART_SHARE;
        any |= dropped[label];
      }
      if (!any) {
        return;
      }
      // One pass over the labels, however many parts there are.
      try (Mat minor = new Mat(labels.size(), CV_8U, new Scalar(0));
          Mat around = new Mat();
          Mat kernel =
              getStructuringElement(
                  MORPH_ELLIPSE, new Size(2 * margin + 1, 2 * margin + 1), new Point(-1, -1))) {
        IntBuffer labelled = labels.createBuffer();
        ByteBuffer marked = minor.createBuffer();
        for (int i = 0; i < labelled.limit(); i++) {
          if (dropped[labelled.get(i)]) {
            marked.put(i, (byte) 255);
          }
        }
        dilate(minor, around, kernel);
        alpha.setTo(new Mat(new Scalar(0)), around);
        sure.setTo(new Mat(new Scalar(0)), minor);
      }
    }
  }

  /** A wider soft edge: the alpha blurred over {@code width} pixels; at most 1 keeps it. */
  private static Mat soften(Mat alpha, double width) {
    Mat soft = new Mat();
    if (width <= 1) {
      alpha.copyTo(soft);
      return soft;
    }
    try (Size none = new Size(0, 0)) {
      GaussianBlur(alpha, soft, none, width / 2);
    }
    return soft;
  }

  private static Mat atSize(Mat alpha, int width, int height) {
    if (alpha.cols() == width && alpha.rows() == height) {
      return alpha;
    }
    try (Mat small = alpha;
        Size full = new Size(width, height)) {
      Mat scaled = new Mat();
      resize(small, scaled, full, 0, 0, INTER_LINEAR);
      return scaled;
    }
  }

  private static float[] floats(List<Float> values) {
    if (values.size() != 3) {
      throw new IllegalArgumentException("3 values (R, G, B) expected, not " + values);
    }
    return new float[] {values.get(0), values.get(1), values.get(2)};
  }
}
