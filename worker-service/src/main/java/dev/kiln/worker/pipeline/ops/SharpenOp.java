package dev.kiln.worker.pipeline.ops;

import static org.bytedeco.opencv.global.opencv_core.addWeighted;
import static org.bytedeco.opencv.global.opencv_core.insertChannel;

import dev.kiln.model.pipeline.SharpenStep;
import dev.kiln.worker.pipeline.Image;
import dev.kiln.worker.pipeline.Op;
import org.bytedeco.opencv.opencv_core.Mat;

/**
 * {@code sharpen}: unsharp mask, {@code pixel × (1 + amount) − blurred × amount}, saturated to
 * 0-255. With alpha, the blurred colour is the alpha-weighted average of the neighbourhood (blur
 * premultiplied, then unpremultiply), so the hidden colour of transparent pixels does not ring into
 * the subject's edge; alpha itself is not sharpened.
 */
public class SharpenOp implements Op<SharpenStep> {

  @Override
  public Class<SharpenStep> stepType() {
    return SharpenStep.class;
  }

  @Override
  public Image apply(Image image, SharpenStep step) {
    double amount = step.amount();
    if (amount == 0) {
      return image;
    }
    Mat src = image.mat();
    Mat out = new Mat();
    if (!image.hasAlpha()) {
      try (Mat blurred = BlurOp.gaussian(src, step.sigma())) {
        addWeighted(src, 1 + amount, blurred, -amount, 0, out);
      }
      return image.withMat(out);
    }
    try (Mat premultiplied = Alpha.premultiply(src);
        Mat blurredPremultiplied = BlurOp.gaussian(premultiplied, step.sigma());
        Mat blurred = Alpha.unpremultiply(blurredPremultiplied);
        Mat alpha = Alpha.channel(src)) {
      addWeighted(src, 1 + amount, blurred, -amount, 0, out);
      insertChannel(alpha, out, 3);
    }
    return image.withMat(out);
  }
}
