package dev.kiln.worker.pipeline.ops;

import static org.bytedeco.opencv.global.opencv_core.ROTATE_180;
import static org.bytedeco.opencv.global.opencv_core.ROTATE_90_CLOCKWISE;
import static org.bytedeco.opencv.global.opencv_core.ROTATE_90_COUNTERCLOCKWISE;
import static org.bytedeco.opencv.global.opencv_core.flip;
import static org.bytedeco.opencv.global.opencv_core.rotate;
import static org.bytedeco.opencv.global.opencv_core.transpose;

import dev.kiln.model.pipeline.AutoOrientStep;
import dev.kiln.worker.pipeline.ExifOrientation;
import dev.kiln.worker.pipeline.Image;
import dev.kiln.worker.pipeline.Op;
import org.bytedeco.opencv.opencv_core.Mat;

/**
 * {@code auto_orient}: turns the pixels upright as the file's EXIF orientation says and marks the
 * image upright. The decoder never applies the orientation itself (it decodes with {@code
 * IMREAD_IGNORE_ORIENTATION}), so this step is the one place where it happens, and a pipeline
 * without it keeps the stored pixel order. Results carry no EXIF, so they display as produced.
 */
public class AutoOrientOp implements Op<AutoOrientStep> {

  @Override
  public Class<AutoOrientStep> stepType() {
    return AutoOrientStep.class;
  }

  @Override
  public Image apply(Image image, AutoOrientStep step) {
    int orientation = image.orientation();
    if (orientation == ExifOrientation.UPRIGHT) {
      return image;
    }
    Mat src = image.mat();
    Mat out = new Mat();
    switch (orientation) {
      case 2 -> flip(src, out, 1); // mirrored left-right
      case 3 -> rotate(src, out, ROTATE_180);
      case 4 -> flip(src, out, 0); // mirrored top-bottom
      case 5 -> transpose(src, out); // mirrored along the main diagonal
      case 6 -> rotate(src, out, ROTATE_90_CLOCKWISE);
      case 7 -> { // mirrored along the anti-diagonal: transpose, then half a turn
        try (Mat transposed = new Mat()) {
          transpose(src, transposed);
          rotate(transposed, out, ROTATE_180);
        }
      }
      case 8 -> rotate(src, out, ROTATE_90_COUNTERCLOCKWISE);
      default -> throw new IllegalStateException("orientation " + orientation);
    }
    return new Image(out, ExifOrientation.UPRIGHT);
  }
}
