package dev.kiln.worker.pipeline.ops;

import static org.bytedeco.opencv.global.opencv_imgproc.GaussianBlur;

import dev.kiln.model.pipeline.BlurStep;
import dev.kiln.worker.pipeline.Image;
import dev.kiln.worker.pipeline.Op;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Size;

/**
 * {@code blur}: Gaussian blur with the requested sigma (OpenCV sizes the kernel to about ±3 sigma).
 * Images with alpha are blurred premultiplied, so transparent areas do not darken the edges they
 * blur into.
 */
public class BlurOp implements Op<BlurStep> {

  @Override
  public Class<BlurStep> stepType() {
    return BlurStep.class;
  }

  @Override
  public Image apply(Image image, BlurStep step) {
    double sigma = step.sigma();
    if (!image.hasAlpha()) {
      return image.withMat(gaussian(image.mat(), sigma));
    }
    try (Mat premultiplied = Alpha.premultiply(image.mat());
        Mat blurred = gaussian(premultiplied, sigma)) {
      return image.withMat(Alpha.unpremultiply(blurred));
    }
  }

  /** A new Mat: {@code src} blurred with {@code sigma} on both axes. */
  static Mat gaussian(Mat src, double sigma) {
    Mat out = new Mat();
    try (Size auto = new Size(0, 0)) {
      GaussianBlur(src, out, auto, sigma);
    }
    return out;
  }
}
