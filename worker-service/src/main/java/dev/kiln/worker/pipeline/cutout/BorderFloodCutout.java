package dev.kiln.worker.pipeline.cutout;

import static org.bytedeco.opencv.global.opencv_core.CMP_LE;
import static org.bytedeco.opencv.global.opencv_core.CV_16U;
import static org.bytedeco.opencv.global.opencv_core.CV_32F;
import static org.bytedeco.opencv.global.opencv_core.LUT;
import static org.bytedeco.opencv.global.opencv_core.absdiff;
import static org.bytedeco.opencv.global.opencv_core.countNonZero;
import static org.bytedeco.opencv.global.opencv_core.transform;
import static org.bytedeco.opencv.global.opencv_imgproc.COLOR_BGR2Lab;
import static org.bytedeco.opencv.global.opencv_imgproc.GaussianBlur;
import static org.bytedeco.opencv.global.opencv_imgproc.INTER_AREA;
import static org.bytedeco.opencv.global.opencv_imgproc.INTER_LINEAR;
import static org.bytedeco.opencv.global.opencv_imgproc.cvtColor;
import static org.bytedeco.opencv.global.opencv_imgproc.resize;

import jakarta.inject.Singleton;
import org.bytedeco.javacpp.FloatPointer;
import org.bytedeco.javacpp.ShortPointer;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Size;

/**
 * The first cut-out method, for product and object photos on a plain or gently varying backdrop:
 *
 * <ol>
 *   <li>Work on a copy at most {@value #WORK_SIDE} pixels on its long side (the mask is a shape;
 *       its edge is softened anyway), lightly blurred against sensor and JPEG noise, in Lab (8-bit:
 *       the whole method runs on 8- and 16-bit planes, a quarter of the memory traffic of floats).
 *   <li>Model the backdrop from the image border ({@link BackgroundModel}: a smooth colour surface,
 *       so gradients are followed).
 *   <li>Background = pixels within {@code tolerance} of the model that are connected to the border
 *       through such pixels (a flood from the border: a subject colour that matches the backdrop
 *       but is enclosed by the subject stays).
 *   <li>Clean the subject ({@link MaskCleanup}), soften its edge ({@link Feather}) and scale the
 *       alpha back to the image size.
 * </ol>
 */
@Singleton
public final class BorderFloodCutout implements CutoutMethod {

  /** The long side of the working copy, in pixels. */
  static final int WORK_SIDE = 1024;

  /** Thickness of the border band the backdrop is modelled from, in working pixels. */
  static final int BAND = 2;

  @Override
  public Cutout cut(Mat bgr, CutoutSettings settings) {
    int width = bgr.cols();
    int height = bgr.rows();
    double scale = Math.min(1.0, WORK_SIDE / (double) Math.max(width, height));
    try (Mat lab = workingLab(bgr, scale);
        Mat subject = subject(lab, settings.tolerance())) {
      MaskCleanup.clean(subject);
      double fraction = countNonZero(subject) / (double) subject.total();
      Mat alpha = Feather.soften(subject, settings.feather() * scale);
      if (scale < 1.0) {
        try (Mat small = alpha;
            Size full = new Size(width, height)) {
          alpha = new Mat();
          resize(small, alpha, full, 0, 0, INTER_LINEAR);
        }
      }
      return new Cutout(alpha, fraction);
    }
  }

  /** The scaled, smoothed working copy in OpenCV's 8-bit Lab ({@code CV_8UC3}). */
  private static Mat workingLab(Mat bgr, double scale) {
    try (Mat small = new Mat();
        Mat smooth = new Mat();
        Size three = new Size(3, 3)) {
      Mat source = bgr;
      if (scale < 1.0) {
        try (Size size =
            new Size(
                Math.max(1, (int) Math.round(bgr.cols() * scale)),
                Math.max(1, (int) Math.round(bgr.rows() * scale)))) {
          resize(bgr, small, size, 0, 0, INTER_AREA);
        }
        source = small;
      }
      if (scale > 0.5) {
        // Sensor and JPEG noise; a reduction by 2 or more has averaged it out already.
        GaussianBlur(source, smooth, three, 0);
        source = smooth;
      }
      Mat lab = new Mat();
      cvtColor(source, lab, COLOR_BGR2Lab);
      return lab;
    }
  }

  /** 255 where the pixel is not background: not (near the backdrop and connected to the border). */
  private static Mat subject(Mat lab, double tolerance) {
    BackgroundModel model = BackgroundModel.fit(lab, BAND);
    try (Mat expected = model.render(lab.cols(), lab.rows());
        Mat difference = new Mat();
        Mat squareTable = squares();
        Mat squares = new Mat();
        Mat distanceSquared = new Mat();
        FloatPointer ones = new FloatPointer(1f, 1f, 1f);
        Mat sumChannels = new Mat(1, 3, CV_32F, ones)) {
      // |Lab - model| per channel, squared through a table, summed: 16 bits hold 3 × 255²
      // up to the saturation at 65535, which only ever stands for "farther than 255".
      absdiff(lab, expected, difference);
      LUT(difference, squareTable, squares);
      transform(squares, distanceSquared, sumChannels);
      try (Mat near = MaskCleanup.compareTo(distanceSquared, tolerance * tolerance, CMP_LE);
          Mat background = MaskCleanup.connectedToBorder(near)) {
        return MaskCleanup.inverse(background);
      }
    }
  }

  /**
   * {@code i²} for every 8-bit {@code i}, as 16-bit values. Built per call (512 bytes): a shared
   * native table would be freed by the first pipeline run's pointer scope.
   */
  private static Mat squares() {
    short[] table = new short[256];
    for (int i = 0; i < 256; i++) {
      table[i] = (short) (i * i);
    }
    Mat lut = new Mat(1, 256, CV_16U);
    try (ShortPointer data = new ShortPointer(table);
        Mat view = new Mat(1, 256, CV_16U, data)) {
      view.copyTo(lut);
    }
    return lut;
  }
}
