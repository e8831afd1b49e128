package dev.kiln.worker.pipeline.ops;

import static org.bytedeco.opencv.global.opencv_core.BORDER_CONSTANT;
import static org.bytedeco.opencv.global.opencv_core.CV_8UC1;
import static org.bytedeco.opencv.global.opencv_core.copyMakeBorder;
import static org.bytedeco.opencv.global.opencv_imgproc.GaussianBlur;

import dev.kiln.model.pipeline.Color;
import dev.kiln.model.pipeline.ShadowStep;
import dev.kiln.worker.pipeline.Image;
import dev.kiln.worker.pipeline.Op;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Rect;
import org.bytedeco.opencv.opencv_core.Scalar;
import org.bytedeco.opencv.opencv_core.Size;

/**
 * {@code shadow}: the image drawn over its own silhouette (its alpha; the whole rectangle without
 * alpha), shifted by the offsets, blurred with the given sigma and tinted. The canvas grows on each
 * side just enough for the shadow (offset plus three sigma) and the image keeps its pixels; the
 * result has alpha.
 */
public class ShadowOp implements Op<ShadowStep> {

  @Override
  public Class<ShadowStep> stepType() {
    return ShadowStep.class;
  }

  @Override
  public Image apply(Image image, ShadowStep step) {
    Color colour = Color.of(step.color());
    double sigma = step.blur();
    int reach = (int) Math.ceil(3 * sigma);
    int dx = step.offsetX();
    int dy = step.offsetY();
    Margins grow = Margins.of(dx, dy, reach);
    int width = image.width();
    int height = image.height();
    try (Mat bgra = Alpha.toBgra(image.mat());
        Mat canvas = new Mat();
        Scalar transparent = new Scalar(0, 0, 0, 0);
        Mat silhouette = Alpha.channel(bgra);
        Scalar none = new Scalar(0.0);
        Rect under = new Rect(grow.left() + dx, grow.top() + dy, width, height)) {
      copyMakeBorder(
          bgra,
          canvas,
          grow.top(),
          grow.bottom(),
          grow.left(),
          grow.right(),
          BORDER_CONSTANT,
          transparent);
      try (Mat coverage = new Mat(canvas.rows(), canvas.cols(), CV_8UC1, none);
          Mat placed = new Mat(coverage, under)) {
        silhouette.copyTo(placed);
        if (sigma > 0) {
          try (Size auto = new Size(0, 0)) {
            GaussianBlur(coverage, coverage, auto, sigma, sigma, BORDER_CONSTANT, 0);
          }
        }
        try (Mat layer = Alpha.layer(coverage, colour, step.opacity())) {
          return image.withMat(Alpha.over(canvas, layer));
        }
      }
    }
  }

  /**
   * How far the canvas grows on each side so that a shadow shifted by ({@code dx}, {@code dy}) and
   * reaching {@code reach} pixels beyond its silhouette fits.
   */
  record Margins(int left, int top, int right, int bottom) {

    static Margins of(int dx, int dy, int reach) {
      return new Margins(
          Math.max(0, reach - dx),
          Math.max(0, reach - dy),
          Math.max(0, reach + dx),
          Math.max(0, reach + dy));
    }
  }
}
