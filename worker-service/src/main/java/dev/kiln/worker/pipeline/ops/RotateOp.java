package dev.kiln.worker.pipeline.ops;

import static org.bytedeco.opencv.global.opencv_core.BORDER_CONSTANT;
import static org.bytedeco.opencv.global.opencv_core.CV_64F;
import static org.bytedeco.opencv.global.opencv_core.ROTATE_180;
import static org.bytedeco.opencv.global.opencv_core.ROTATE_90_CLOCKWISE;
import static org.bytedeco.opencv.global.opencv_core.ROTATE_90_COUNTERCLOCKWISE;
import static org.bytedeco.opencv.global.opencv_core.rotate;
import static org.bytedeco.opencv.global.opencv_imgproc.INTER_LINEAR;
import static org.bytedeco.opencv.global.opencv_imgproc.warpAffine;

import dev.kiln.model.pipeline.Color;
import dev.kiln.model.pipeline.RotateStep;
import dev.kiln.worker.pipeline.Image;
import dev.kiln.worker.pipeline.Op;
import org.bytedeco.javacpp.indexer.DoubleIndexer;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Scalar;
import org.bytedeco.opencv.opencv_core.Size;

/**
 * {@code rotate}: clockwise. Quarter turns move pixels exactly ({@code cv::rotate}); any other
 * angle is resampled bilinearly onto the bounding box of the rotated image, the uncovered corners
 * filled with the background. When the background is not opaque the result gets alpha, and images
 * with alpha are warped premultiplied so the edges blend without dark fringes.
 */
public class RotateOp implements Op<RotateStep> {

  @Override
  public Class<RotateStep> stepType() {
    return RotateStep.class;
  }

  @Override
  public Image apply(Image image, RotateStep step) {
    double turn = step.normalizedAngle();
    int quarter =
        turn == 90
            ? ROTATE_90_CLOCKWISE
            : turn == 180 ? ROTATE_180 : turn == 270 ? ROTATE_90_COUNTERCLOCKWISE : -1;
    if (turn == 0) {
      return image;
    }
    Mat out = new Mat();
    if (quarter >= 0) {
      rotate(image.mat(), out, quarter);
      return image.withMat(out);
    }
    Color background = Color.of(step.background());
    int width = image.width();
    int height = image.height();
    double radians = Math.toRadians(turn);
    double cos = Math.cos(radians);
    double sin = Math.sin(radians);
    int outWidth = span(width * Math.abs(cos) + height * Math.abs(sin));
    int outHeight = span(width * Math.abs(sin) + height * Math.abs(cos));
    try (Mat transform = transform(cos, sin, width, height, outWidth, outHeight);
        Size size = new Size(outWidth, outHeight)) {
      if (!image.hasAlpha() && background.isOpaque()) {
        try (Scalar fill = Fill.of(background)) {
          warpAffine(image.mat(), out, transform, size, INTER_LINEAR, BORDER_CONSTANT, fill);
        }
        return image.withMat(out);
      }
      try (Mat bgra = Alpha.toBgra(image.mat());
          Mat premultiplied = Alpha.premultiply(bgra);
          Scalar fill = Fill.premultiplied(background)) {
        warpAffine(premultiplied, out, transform, size, INTER_LINEAR, BORDER_CONSTANT, fill);
      }
      try (out) {
        return image.withMat(Alpha.unpremultiply(out));
      }
    }
  }

  /** The whole pixels a rotated side spans (tolerating rounding noise such as 99.9999999). */
  static int span(double length) {
    return Math.max(1, (int) Math.ceil(length - 1e-6));
  }

  /**
   * The 2×3 affine map from source to destination: turn clockwise about the source centre (y points
   * down), then move that centre to the destination centre. Pixel centres sit on integer
   * coordinates, so a centre is {@code (size − 1) / 2}.
   */
  private static Mat transform(
      double cos, double sin, int width, int height, int outWidth, int outHeight) {
    double cx = (width - 1) / 2.0;
    double cy = (height - 1) / 2.0;
    double outCx = (outWidth - 1) / 2.0;
    double outCy = (outHeight - 1) / 2.0;
    Mat m = new Mat(2, 3, CV_64F);
    try (DoubleIndexer at = m.createIndexer()) {
      at.put(0, 0, cos);
      at.put(0, 1, -sin);
      at.put(0, 2, outCx - cos * cx + sin * cy);
      at.put(1, 0, sin);
      at.put(1, 1, cos);
      at.put(1, 2, outCy - sin * cx - cos * cy);
    }
    return m;
  }
}
