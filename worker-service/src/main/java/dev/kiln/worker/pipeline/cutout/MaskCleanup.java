package dev.kiln.worker.pipeline.cutout;

import static org.bytedeco.opencv.global.opencv_core.BORDER_CONSTANT;
import static org.bytedeco.opencv.global.opencv_core.CMP_EQ;
import static org.bytedeco.opencv.global.opencv_core.CV_32S;
import static org.bytedeco.opencv.global.opencv_core.CV_8UC1;
import static org.bytedeco.opencv.global.opencv_core.compare;
import static org.bytedeco.opencv.global.opencv_core.copyMakeBorder;
import static org.bytedeco.opencv.global.opencv_imgproc.CC_STAT_AREA;
import static org.bytedeco.opencv.global.opencv_imgproc.CC_STAT_HEIGHT;
import static org.bytedeco.opencv.global.opencv_imgproc.CC_STAT_LEFT;
import static org.bytedeco.opencv.global.opencv_imgproc.CC_STAT_TOP;
import static org.bytedeco.opencv.global.opencv_imgproc.CC_STAT_WIDTH;
import static org.bytedeco.opencv.global.opencv_imgproc.FLOODFILL_MASK_ONLY;
import static org.bytedeco.opencv.global.opencv_imgproc.MORPH_CLOSE;
import static org.bytedeco.opencv.global.opencv_imgproc.MORPH_ELLIPSE;
import static org.bytedeco.opencv.global.opencv_imgproc.MORPH_OPEN;
import static org.bytedeco.opencv.global.opencv_imgproc.connectedComponentsWithStats;
import static org.bytedeco.opencv.global.opencv_imgproc.floodFill;
import static org.bytedeco.opencv.global.opencv_imgproc.getStructuringElement;
import static org.bytedeco.opencv.global.opencv_imgproc.morphologyEx;

import org.bytedeco.javacpp.indexer.IntIndexer;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Point;
import org.bytedeco.opencv.opencv_core.Rect;
import org.bytedeco.opencv.opencv_core.Scalar;
import org.bytedeco.opencv.opencv_core.Size;

/**
 * Binary mask operations of the border flood, each on an 8-bit mask (255 = set). The border flood
 * itself ({@link #connectedToBorder}) and the clean-up of its result: a one-pixel opening and
 * closing (noise specks, hairline cracks), removal of small islands, and filling of holes.
 */
final class MaskCleanup {

  /** An island smaller than this share of the largest subject part is noise. */
  static final double MIN_ISLAND_OF_LARGEST = 0.01;

  /** ... or smaller than this share of the whole image. */
  static final double MIN_ISLAND_OF_IMAGE = 0.0002;

  private MaskCleanup() {}

  /** The set pixels of {@code mask} that are 4-connected to the image border through set pixels. */
  static Mat connectedToBorder(Mat mask) {
    int width = mask.cols();
    int height = mask.rows();
    try (Mat framed = new Mat();
        Scalar set = new Scalar(255.0);
        Mat filled = new Mat(height + 4, width + 4, CV_8UC1, new Scalar(0.0));
        Point corner = new Point(0, 0);
        Scalar exact = new Scalar(0.0)) {
      // A set frame joins every border pixel, so one flood from a corner reaches all of them.
      copyMakeBorder(mask, framed, 1, 1, 1, 1, BORDER_CONSTANT, set);
      floodFill(
          framed, filled, corner, set, null, exact, exact, 4 | FLOODFILL_MASK_ONLY | 255 << 8);
      try (Rect inside = new Rect(2, 2, width, height);
          Mat view = new Mat(filled, inside)) {
        return view.clone();
      }
    }
  }

  /**
   * The subject after clean-up: specks and cracks of one pixel smoothed away, islands far smaller
   * than the main subject dropped, and enclosed background filled. Modifies {@code subject}.
   */
  static void clean(Mat subject) {
    try (Size three = new Size(3, 3);
        Mat kernel = getStructuringElement(MORPH_ELLIPSE, three)) {
      morphologyEx(subject, subject, MORPH_OPEN, kernel);
      morphologyEx(subject, subject, MORPH_CLOSE, kernel);
    }
    dropIslands(subject);
    fillHoles(subject);
  }

  private static void dropIslands(Mat subject) {
    try (Mat labels = new Mat();
        Mat stats = new Mat();
        Mat centroids = new Mat()) {
      int count = connectedComponentsWithStats(subject, labels, stats, centroids, 8, CV_32S);
      if (count <= 2) {
        return; // background and at most one part
      }
      try (IntIndexer s = stats.createIndexer()) {
        long largest = 0;
        for (int label = 1; label < count; label++) {
          largest = Math.max(largest, s.get(label, CC_STAT_AREA));
        }
        double floor =
            Math.max(
                largest * MIN_ISLAND_OF_LARGEST, (double) subject.total() * MIN_ISLAND_OF_IMAGE);
        for (int label = 1; label < count; label++) {
          if (s.get(label, CC_STAT_AREA) >= floor) {
            continue;
          }
          try (Rect box =
                  new Rect(
                      s.get(label, CC_STAT_LEFT),
                      s.get(label, CC_STAT_TOP),
                      s.get(label, CC_STAT_WIDTH),
                      s.get(label, CC_STAT_HEIGHT));
              Mat labelsInBox = new Mat(labels, box);
              Mat subjectInBox = new Mat(subject, box);
              Mat island = compareTo(labelsInBox, label, CMP_EQ);
              Mat clear = scalar(0)) {
            subjectInBox.setTo(clear, island);
          }
        }
      }
    }
  }

  /** Background not connected to the border (enclosed by the subject) becomes subject. */
  private static void fillHoles(Mat subject) {
    try (Mat background = inverse(subject);
        Mat outside = connectedToBorder(background);
        Mat filled = inverse(outside)) {
      filled.copyTo(subject);
    }
  }

  /** {@code 255 - mask} for a 0/255 mask. */
  static Mat inverse(Mat mask) {
    return compareTo(mask, 0, CMP_EQ);
  }

  /** 255 where {@code image} compares to {@code value} as {@code operation} says, else 0. */
  static Mat compareTo(Mat image, double value, int operation) {
    Mat out = new Mat();
    try (Mat scalar = scalar(value)) {
      compare(image, scalar, out, operation);
    }
    return out;
  }

  /** A value OpenCV takes as a scalar where it expects an array. */
  static Mat scalar(double value) {
    try (Scalar s = new Scalar(value)) {
      return new Mat(s, true); // a copy: without it the Mat would point into the closed Scalar
    }
  }
}
