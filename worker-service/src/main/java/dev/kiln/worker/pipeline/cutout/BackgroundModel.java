package dev.kiln.worker.pipeline.cutout;

import static org.bytedeco.opencv.global.opencv_core.CV_32FC3;
import static org.bytedeco.opencv.global.opencv_core.CV_64F;
import static org.bytedeco.opencv.global.opencv_core.CV_8U;
import static org.bytedeco.opencv.global.opencv_core.DECOMP_QR;
import static org.bytedeco.opencv.global.opencv_core.solve;
import static org.bytedeco.opencv.global.opencv_imgproc.INTER_LINEAR;
import static org.bytedeco.opencv.global.opencv_imgproc.resize;

import java.util.Arrays;
import org.bytedeco.javacpp.DoublePointer;
import org.bytedeco.javacpp.FloatPointer;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Range;
import org.bytedeco.opencv.opencv_core.Size;

/**
 * The background colour expected at every pixel, estimated from the image border: per Lab channel,
 * a quadratic surface {@code c0 + c1·u + c2·v + c3·u·v + c4·u² + c5·v²} over normalised
 * coordinates, fitted by least squares to the pixels of a thin band along the four edges. A plain
 * backdrop gives a flat surface; a studio sweep, a vignette or a sky gives a gradient, which one
 * colour with a tolerance could not follow.
 *
 * <p>The fit is robust to a subject that touches the border: after each fit, border pixels far from
 * the surface (beyond a few times the median residual) are left out and the surface is fitted
 * again, so as long as most of the border is background, the subject does not pull the model.
 */
final class BackgroundModel {

  /** Below this many inlying border pixels a flat (mean colour) model is used. */
  private static final int MIN_SAMPLES_FOR_SURFACE = 24;

  private static final int ROUNDS = 4;

  /** Residuals within this (8-bit Lab units) always count as background: sensor noise, JPEG. */
  private static final double NOISE_FLOOR = 3.0;

  private static final int TERMS = 6;

  /** The model is evaluated every this many pixels and interpolated in between. */
  private static final int RENDER_STEP = 8;

  /** Border pixels beyond this many are thinned out evenly: more do not improve the fit. */
  private static final int MAX_SAMPLES = 2048;

  /** [channel][term], terms as in the class comment. */
  private final double[][] coefficients;

  /** The median distance of the border's inliers from the surface: how noisy the backdrop is. */
  private final double borderSpread;

  private BackgroundModel(double[][] coefficients, double borderSpread) {
    this.coefficients = coefficients;
    this.borderSpread = borderSpread;
  }

  /**
   * @param lab the image in OpenCV's 8-bit Lab, {@code CV_8UC3}
   * @param band thickness in pixels of the border band sampled
   */
  static BackgroundModel fit(Mat lab, int band) {
    Samples samples = Samples.ofBorder(lab, band).thinnedTo(MAX_SAMPLES);
    int n = samples.size();
    boolean[] inlier = new boolean[n];
    Arrays.fill(inlier, true);
    double[][] coefficients = null;
    double spread = 0;
    for (int round = 0; round < ROUNDS; round++) {
      coefficients = fitSurface(samples, inlier);
      double[] residuals = samples.residuals(coefficients);
      spread = median(residuals, inlier);
      double limit = Math.max(NOISE_FLOOR, 2.5 * spread);
      boolean changed = false;
      for (int i = 0; i < n; i++) {
        boolean keep = residuals[i] <= limit;
        changed |= keep != inlier[i];
        inlier[i] = keep;
      }
      if (!changed) {
        break;
      }
    }
    return new BackgroundModel(coefficients, spread);
  }

  double borderSpread() {
    return borderSpread;
  }

  /**
   * The modelled background over a {@code width} × {@code height} grid, {@code CV_8UC3}. The
   * surface is smooth, so it is evaluated on a grid {@value #RENDER_STEP} times coarser and scaled
   * up bilinearly: the error is far below one Lab unit and the cost a fraction of evaluating every
   * pixel.
   */
  Mat render(int width, int height) {
    int coarseWidth = Math.ceilDiv(width, RENDER_STEP);
    int coarseHeight = Math.ceilDiv(height, RENDER_STEP);
    float[] values = new float[coarseWidth * coarseHeight * 3];
    for (int j = 0; j < coarseHeight; j++) {
      // resize() aligns pixel areas, so a coarse pixel centre maps to the same normalised
      // coordinate as a full pixel centre (only the outermost half coarse pixel is clamped).
      double v = normalised(j, coarseHeight);
      for (int i = 0; i < coarseWidth; i++) {
        double u = normalised(i, coarseWidth);
        double[] terms = {1, u, v, u * v, u * u, v * v};
        for (int c = 0; c < 3; c++) {
          double sum = 0;
          for (int t = 0; t < TERMS; t++) {
            sum += coefficients[c][t] * terms[t];
          }
          values[(j * coarseWidth + i) * 3 + c] = (float) sum;
        }
      }
    }
    try (FloatPointer data = new FloatPointer(values);
        Mat coarse = new Mat(coarseHeight, coarseWidth, CV_32FC3, data);
        Mat coarse8 = new Mat();
        Size size = new Size(width, height)) {
      coarse.convertTo(coarse8, CV_8U);
      Mat out = new Mat();
      resize(coarse8, out, size, 0, 0, INTER_LINEAR);
      return out;
    }
  }

  /** Pixel centre mapped to [-1, 1]. */
  private static double normalised(int index, int length) {
    return length <= 1 ? 0 : (2.0 * index + 1) / length - 1;
  }

  private static double[][] fitSurface(Samples samples, boolean[] inlier) {
    int count = 0;
    for (boolean in : inlier) {
      count += in ? 1 : 0;
    }
    if (count < MIN_SAMPLES_FOR_SURFACE) {
      return samples.mean(count == 0 ? null : inlier);
    }
    double[] a = new double[count * TERMS];
    double[] b = new double[count * 3];
    int row = 0;
    for (int i = 0; i < samples.size(); i++) {
      if (!inlier[i]) {
        continue;
      }
      double u = samples.u[i];
      double v = samples.v[i];
      double[] terms = {1, u, v, u * v, u * u, v * v};
      System.arraycopy(terms, 0, a, row * TERMS, TERMS);
      for (int c = 0; c < 3; c++) {
        b[row * 3 + c] = samples.lab[i * 3 + c];
      }
      row++;
    }
    double[] x = new double[TERMS * 3];
    try (DoublePointer aData = new DoublePointer(a);
        DoublePointer bData = new DoublePointer(b);
        Mat design = new Mat(count, TERMS, CV_64F, aData);
        Mat values = new Mat(count, 3, CV_64F, bData);
        Mat solution = new Mat()) {
      solve(design, values, solution, DECOMP_QR);
      try (DoublePointer out = new DoublePointer(solution.data())) {
        out.get(x);
      }
    }
    double[][] coefficients = new double[3][TERMS];
    for (int t = 0; t < TERMS; t++) {
      for (int c = 0; c < 3; c++) {
        coefficients[c][t] = x[t * 3 + c];
      }
    }
    return coefficients;
  }

  private static double median(double[] values, boolean[] selected) {
    double[] chosen = new double[values.length];
    int n = 0;
    for (int i = 0; i < values.length; i++) {
      if (selected[i]) {
        chosen[n++] = values[i];
      }
    }
    if (n == 0) {
      return 0;
    }
    Arrays.sort(chosen, 0, n);
    return chosen[n / 2];
  }

  /** The border band's pixels: normalised coordinates and Lab values. */
  private record Samples(double[] u, double[] v, float[] lab) {

    static Samples ofBorder(Mat lab, int band) {
      int width = lab.cols();
      int height = lab.rows();
      int b = Math.max(1, band);
      if (width <= 2 * b || height <= 2 * b) {
        return of(
            lab, 0, height, 0, width, new Samples(new double[0], new double[0], new float[0]));
      }
      Samples s = new Samples(new double[0], new double[0], new float[0]);
      s = of(lab, 0, b, 0, width, s);
      s = of(lab, height - b, height, 0, width, s);
      s = of(lab, b, height - b, 0, b, s);
      return of(lab, b, height - b, width - b, width, s);
    }

    /** {@code into} plus the pixels of rows [top, bottom) and columns [left, right). */
    private static Samples of(Mat lab, int top, int bottom, int left, int right, Samples into) {
      int width = lab.cols();
      int height = lab.rows();
      int w = right - left;
      int h = bottom - top;
      int n = w * h;
      int offset = into.size();
      double[] u = Arrays.copyOf(into.u, offset + n);
      double[] v = Arrays.copyOf(into.v, offset + n);
      float[] values = Arrays.copyOf(into.lab, (offset + n) * 3);
      try (Range rows = new Range(top, bottom);
          Range cols = new Range(left, right);
          Mat view = lab.apply(rows, cols);
          Mat region = view.clone()) {
        byte[] bytes = new byte[n * 3];
        region.data().get(bytes);
        for (int i = 0; i < bytes.length; i++) {
          values[offset * 3 + i] = bytes[i] & 0xFF;
        }
      }
      for (int y = 0; y < h; y++) {
        for (int x = 0; x < w; x++) {
          int i = offset + y * w + x;
          u[i] = normalised(left + x, width);
          v[i] = normalised(top + y, height);
        }
      }
      return new Samples(u, v, values);
    }

    int size() {
      return u.length;
    }

    /** Every k-th sample, so that at most {@code limit} remain. */
    Samples thinnedTo(int limit) {
      int stride = Math.ceilDiv(size(), limit);
      if (stride <= 1) {
        return this;
      }
      int n = Math.ceilDiv(size(), stride);
      double[] uu = new double[n];
      double[] vv = new double[n];
      float[] values = new float[n * 3];
      for (int i = 0; i < n; i++) {
        int from = i * stride;
        uu[i] = u[from];
        vv[i] = v[from];
        System.arraycopy(lab, from * 3, values, i * 3, 3);
      }
      return new Samples(uu, vv, values);
    }

    double[] residuals(double[][] k) {
      double[] r = new double[size()];
      for (int i = 0; i < r.length; i++) {
        double uu = u[i];
        double vv = v[i];
        double sum = 0;
        for (int c = 0; c < 3; c++) {
          double[] kc = k[c];
          double model =
              kc[0] + kc[1] * uu + kc[2] * vv + kc[3] * uu * vv + kc[4] * uu * uu + kc[5] * vv * vv;
          double d = lab[i * 3 + c] - model;
          sum += d * d;
        }
        r[i] = Math.sqrt(sum);
      }
      return r;
    }

    /**
     * A flat model: the mean colour of the selected samples (all when {@code selected} is null).
     */
    double[][] mean(boolean[] selected) {
      double[][] k = new double[3][TERMS];
      int n = 0;
      for (int i = 0; i < size(); i++) {
        if (selected == null || selected[i]) {
          for (int c = 0; c < 3; c++) {
            k[c][0] += lab[i * 3 + c];
          }
          n++;
        }
      }
      for (int c = 0; c < 3; c++) {
        k[c][0] /= Math.max(1, n);
      }
      return k;
    }
  }
}
