package dev.kiln.worker.pipeline.cutout;

import static org.bytedeco.opencv.global.opencv_core.CV_32F;
import static org.bytedeco.opencv.global.opencv_core.CV_8U;
import static org.bytedeco.opencv.global.opencv_core.add;
import static org.bytedeco.opencv.global.opencv_core.subtract;
import static org.bytedeco.opencv.global.opencv_imgproc.DIST_L2;
import static org.bytedeco.opencv.global.opencv_imgproc.DIST_MASK_3;
import static org.bytedeco.opencv.global.opencv_imgproc.distanceTransform;

import org.bytedeco.opencv.opencv_core.Mat;

/**
 * Soft edges: turns a binary subject mask into alpha that ramps linearly from 0 to 255 across a
 * band of the given width centred on the subject's outline. The ramp follows the outline's shape
 * (it is built from the signed distance to the outline), unlike a blur, which would also round off
 * corners and thin parts more than the edge.
 */
final class Feather {

  private Feather() {}

  /**
   * @param subject 8-bit mask, 255 = subject
   * @param width the ramp's width in pixels of {@code subject}; at most 1 keeps the mask as it is
   * @return a new 8-bit alpha mask
   */
  static Mat soften(Mat subject, double width) {
    if (width <= 1) {
      return subject.clone();
    }
    try (Mat background = MaskCleanup.inverse(subject);
        Mat inside = new Mat();
        Mat outside = new Mat();
        Mat signed = new Mat();
        Mat halfPixel = new Mat()) {
      // Distance of each subject pixel to the nearest background pixel and vice versa; a pixel
      // next to the outline is 1 away from the other side but 0.5 from the outline itself.
      distanceTransform(subject, inside, DIST_L2, DIST_MASK_3);
      distanceTransform(background, outside, DIST_L2, DIST_MASK_3);
      subtract(inside, outside, signed);
      subject.convertTo(halfPixel, CV_32F, -1.0 / 255.0, 0.5);
      add(signed, halfPixel, signed);
      Mat alpha = new Mat();
      signed.convertTo(alpha, CV_8U, 255.0 / width, 127.5);
      return alpha;
    }
  }
}
