package dev.kiln.worker.pipeline.ops;

import static org.bytedeco.opencv.global.opencv_core.CV_8UC4;
import static org.bytedeco.opencv.global.opencv_core.add;
import static org.bytedeco.opencv.global.opencv_core.bitwise_not;
import static org.bytedeco.opencv.global.opencv_core.extractChannel;
import static org.bytedeco.opencv.global.opencv_core.insertChannel;
import static org.bytedeco.opencv.global.opencv_core.merge;
import static org.bytedeco.opencv.global.opencv_core.multiply;
import static org.bytedeco.opencv.global.opencv_imgproc.COLOR_BGR2BGRA;
import static org.bytedeco.opencv.global.opencv_imgproc.COLOR_RGBA2mRGBA;
import static org.bytedeco.opencv.global.opencv_imgproc.COLOR_mRGBA2RGBA;
import static org.bytedeco.opencv.global.opencv_imgproc.cvtColor;

import dev.kiln.model.pipeline.Color;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.MatVector;
import org.bytedeco.opencv.opencv_core.Scalar;

/**
 * Alpha compositing for the ops that blend layers or resample images with transparency. Filters run
 * on premultiplied pixels, so a transparent pixel's (invisible) colour never bleeds into its
 * neighbours. Every method returns a new {@link Mat} that the caller closes.
 */
final class Alpha {

  private Alpha() {}

  /** A BGRA copy of a BGR or BGRA image (opaque where there was no alpha). */
  static Mat toBgra(Mat image) {
    Mat out = new Mat();
    if (image.channels() == 4) {
      image.copyTo(out);
    } else {
      cvtColor(image, out, COLOR_BGR2BGRA);
    }
    return out;
  }

  static Mat premultiply(Mat bgra) {
    Mat out = new Mat();
    cvtColor(bgra, out, COLOR_RGBA2mRGBA);
    return out;
  }

  static Mat unpremultiply(Mat premultiplied) {
    Mat out = new Mat();
    cvtColor(premultiplied, out, COLOR_mRGBA2RGBA);
    return out;
  }

  /** The alpha channel of a BGRA image. */
  static Mat channel(Mat bgra) {
    Mat alpha = new Mat();
    extractChannel(bgra, alpha, 3);
    return alpha;
  }

  /**
   * A layer of one colour whose alpha is {@code coverage} scaled by the colour's own alpha and
   * {@code opacity}: what a shadow or an outline paints.
   *
   * @param coverage 8-bit, one channel
   */
  static Mat layer(Mat coverage, Color colour, double opacity) {
    Mat layer;
    try (Scalar fill = new Scalar(colour.blue(), colour.green(), colour.red(), 0);
        Mat alpha = new Mat()) {
      layer = new Mat(coverage.rows(), coverage.cols(), CV_8UC4, fill);
      coverage.convertTo(alpha, -1, opacity * colour.alpha() / 255.0, 0);
      insertChannel(alpha, layer, 3);
    }
    return layer;
  }

  /**
   * Porter-Duff "over": {@code top} drawn on {@code bottom}, both BGRA of the same size. In
   * premultiplied terms: {@code top + bottom × (1 − top alpha)}.
   */
  static Mat over(Mat top, Mat bottom) {
    try (Mat premultipliedTop = premultiply(top);
        Mat premultipliedBottom = premultiply(bottom);
        Mat topAlpha = channel(top);
        Mat uncovered = new Mat();
        Mat uncovered4 = new Mat();
        Mat visibleBottom = new Mat();
        Mat sum = new Mat();
        MatVector planes = new MatVector(4)) {
      bitwise_not(topAlpha, uncovered); // 255 − alpha
      for (int i = 0; i < 4; i++) {
        planes.put(i, uncovered);
      }
      merge(planes, uncovered4);
      multiply(premultipliedBottom, uncovered4, visibleBottom, 1 / 255.0, -1);
      add(premultipliedTop, visibleBottom, sum);
      return unpremultiply(sum);
    }
  }
}
