package dev.kiln.enginebench;

import static org.bytedeco.opencv.global.opencv_core.bitwise_and;
import static org.bytedeco.opencv.global.opencv_core.countNonZero;
import static org.bytedeco.opencv.global.opencv_core.max;
import static org.bytedeco.opencv.global.opencv_core.min;
import static org.bytedeco.opencv.global.opencv_core.sumElems;
import static org.bytedeco.opencv.global.opencv_imgproc.THRESH_BINARY;
import static org.bytedeco.opencv.global.opencv_imgproc.threshold;

import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Scalar;

/**
 * How well a cut-out's alpha matches the ground truth. Both are thresholded at 128 (subject from
 * 128 on) for the intersection over union, precision (the share of the cut that is subject) and
 * recall (the share of the subject that is cut); the soft IoU compares the alphas themselves
 * ({@code Σ min(a, t) / Σ max(a, t)}), so a soft edge in the wrong place costs its share.
 */
record MaskScore(double iou, double softIou, double precision, double recall) {

  /**
   * @param alpha the cut's alpha, 8-bit, one channel
   * @param truth the ground truth, the same size and type
   */
  static MaskScore of(Mat alpha, Mat truth) {
    if (alpha.cols() != truth.cols() || alpha.rows() != truth.rows()) {
      throw new IllegalArgumentException("the alpha and the ground truth differ in size");
    }
    try (Mat cut = new Mat();
        Mat subject = new Mat();
        Mat both = new Mat();
        Mat low = new Mat();
        Mat high = new Mat()) {
      threshold(alpha, cut, 127, 255, THRESH_BINARY);
      threshold(truth, subject, 127, 255, THRESH_BINARY);
      bitwise_and(cut, subject, both);
      double hits = countNonZero(both);
      double cutCount = countNonZero(cut);
      double subjectCount = countNonZero(subject);
      double union = cutCount + subjectCount - hits;
      min(alpha, truth, low);
      max(alpha, truth, high);
      double softUnion = sum(high);
      return new MaskScore(
          union == 0 ? 1 : hits / union,
          softUnion == 0 ? 1 : sum(low) / softUnion,
          cutCount == 0 ? (subjectCount == 0 ? 1 : 0) : hits / cutCount,
          subjectCount == 0 ? 1 : hits / subjectCount);
    }
  }

  private static double sum(Mat plane) {
    try (Scalar sum = sumElems(plane)) {
      return sum.get(0);
    }
  }
}
