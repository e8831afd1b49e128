package dev.kiln.worker.pipeline.ops;

import dev.kiln.model.jobs.JobErrorCode;
import dev.kiln.model.pipeline.CropStep;
import dev.kiln.worker.pipeline.Image;
import dev.kiln.worker.pipeline.Op;
import dev.kiln.worker.pipeline.PipelineException;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Rect;

/**
 * {@code crop}: keeps the part of the requested rectangle that lies inside the image. Clamping
 * (rather than failing) lets one crop serve images of several sizes; a rectangle that misses the
 * image entirely has no sensible result and fails with {@code crop_outside_image}.
 */
public class CropOp implements Op<CropStep> {

  @Override
  public Class<CropStep> stepType() {
    return CropStep.class;
  }

  @Override
  public Image apply(Image image, CropStep step) {
    int width = image.width();
    int height = image.height();
    int left = step.x();
    int top = step.y();
    int right = Math.min(width, left + step.width());
    int bottom = Math.min(height, top + step.height());
    if (left >= width || top >= height) {
      throw new PipelineException(
          JobErrorCode.CROP_OUTSIDE_IMAGE,
          String.format(
              "the crop rectangle %dx%d at (%d, %d) lies outside the %dx%d image",
              step.width(), step.height(), left, top, width, height));
    }
    if (left == 0 && top == 0 && right == width && bottom == height) {
      return image;
    }
    try (Rect kept = new Rect(left, top, right - left, bottom - top);
        Mat view = new Mat(image.mat(), kept)) {
      return image.withMat(view.clone());
    }
  }
}
