package dev.kiln.worker.pipeline.ops;

import static org.bytedeco.opencv.global.opencv_core.BORDER_CONSTANT;
import static org.bytedeco.opencv.global.opencv_core.copyMakeBorder;

import dev.kiln.model.pipeline.Color;
import dev.kiln.model.pipeline.PadStep;
import dev.kiln.worker.pipeline.Image;
import dev.kiln.worker.pipeline.Op;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Scalar;

/**
 * {@code pad}: centres the image on a canvas of the requested size (or a square of its longer
 * side), never smaller than the image. A canvas colour that is not opaque gives the result alpha;
 * an image without alpha on an opaque colour stays without.
 */
public class PadOp implements Op<PadStep> {

  @Override
  public Class<PadStep> stepType() {
    return PadStep.class;
  }

  @Override
  public Image apply(Image image, PadStep step) {
    int width = image.width();
    int height = image.height();
    int outWidth;
    int outHeight;
    if (step.square()) {
      outWidth = Math.max(width, height);
      outHeight = outWidth;
    } else {
      outWidth = step.width() == null ? width : Math.max(width, step.width());
      outHeight = step.height() == null ? height : Math.max(height, step.height());
    }
    if (outWidth == width && outHeight == height) {
      return image;
    }
    Color colour = Color.of(step.color());
    int left = (outWidth - width) / 2;
    int top = (outHeight - height) / 2;
    Mat out = new Mat();
    boolean needsAlpha = !image.hasAlpha() && !colour.isOpaque();
    try (Mat withAlpha = needsAlpha ? Alpha.toBgra(image.mat()) : null;
        Scalar fill = Fill.of(colour)) {
      Mat src = needsAlpha ? withAlpha : image.mat();
      copyMakeBorder(
          src,
          out,
          top,
          outHeight - height - top,
          left,
          outWidth - width - left,
          BORDER_CONSTANT,
          fill);
    }
    return image.withMat(out);
  }
}
