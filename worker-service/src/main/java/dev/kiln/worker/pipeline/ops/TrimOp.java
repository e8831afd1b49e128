package dev.kiln.worker.pipeline.ops;

import static org.bytedeco.opencv.global.opencv_core.bitwise_not;
import static org.bytedeco.opencv.global.opencv_core.inRange;
import static org.bytedeco.opencv.global.opencv_imgproc.THRESH_BINARY;
import static org.bytedeco.opencv.global.opencv_imgproc.boundingRect;
import static org.bytedeco.opencv.global.opencv_imgproc.threshold;

import dev.kiln.model.jobs.JobErrorCode;
import dev.kiln.model.pipeline.TrimStep;
import dev.kiln.worker.pipeline.Image;
import dev.kiln.worker.pipeline.Op;
import dev.kiln.worker.pipeline.PipelineException;
import org.bytedeco.javacpp.indexer.UByteIndexer;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Rect;
import org.bytedeco.opencv.opencv_core.Scalar;

/**
 * {@code trim}: crops to the bounding box of everything that is not border. The top-left pixel
 * defines the border: transparent (alpha ≤ threshold) means "every transparent pixel", otherwise
 * "every pixel within threshold of that colour on each channel, alpha included". An image that is
 * all border has no bounding box: the job fails with {@code uniform_image} rather than producing an
 * arbitrary 1×1 pixel.
 */
public class TrimOp implements Op<TrimStep> {

  @Override
  public Class<TrimStep> stepType() {
    return TrimStep.class;
  }

  @Override
  public Image apply(Image image, TrimStep step) {
    int threshold = step.threshold();
    Rect box;
    try (Mat subject = subjectMask(image, threshold)) {
      box = boundingRect(subject);
    }
    try (box) {
      if (box.width() == 0 || box.height() == 0) {
        throw new PipelineException(
            JobErrorCode.UNIFORM_IMAGE,
            "trim found nothing but border: the "
                + image.width()
                + "x"
                + image.height()
                + " image is one colour within threshold "
                + threshold);
      }
      if (box.width() == image.width() && box.height() == image.height()) {
        return image;
      }
      try (Mat view = new Mat(image.mat(), box)) {
        return image.withMat(view.clone());
      }
    }
  }

  /** 255 where a pixel is subject (not border), 0 elsewhere. */
  private static Mat subjectMask(Image image, int threshold) {
    Mat src = image.mat();
    int[] corner = corner(src);
    Mat subject = new Mat();
    if (image.hasAlpha() && corner[3] <= threshold) {
      try (Mat alpha = Alpha.channel(src)) {
        threshold(alpha, subject, threshold, 255, THRESH_BINARY); // alpha > threshold
      }
      return subject;
    }
    double[] low = new double[4];
    double[] high = new double[4];
    for (int c = 0; c < corner.length; c++) {
      low[c] = Math.max(0, corner[c] - threshold);
      high[c] = Math.min(255, corner[c] + threshold);
    }
    // 1×1 bounds of the image's type act as per-channel scalars in inRange.
    try (Scalar lowFill = new Scalar(low[0], low[1], low[2], low[3]);
        Scalar highFill = new Scalar(high[0], high[1], high[2], high[3]);
        Mat lower = new Mat(1, 1, src.type(), lowFill);
        Mat upper = new Mat(1, 1, src.type(), highFill);
        Mat border = new Mat()) {
      inRange(src, lower, upper, border);
      bitwise_not(border, subject);
    }
    return subject;
  }

  private static int[] corner(Mat src) {
    try (UByteIndexer at = src.createIndexer()) {
      int[] values = new int[src.channels()];
      for (int c = 0; c < values.length; c++) {
        values[c] = at.get(0, 0, c);
      }
      return values;
    }
  }
}
