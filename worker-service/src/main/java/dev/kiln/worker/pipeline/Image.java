package dev.kiln.worker.pipeline;

import org.bytedeco.opencv.opencv_core.Mat;

/**
 * A decoded image between steps: 8-bit BGR or BGRA pixels in native memory, owned by this object
 * and released by {@link #close()}.
 *
 * @param mat the pixels (3 channels, or 4 with alpha)
 * @param orientation the EXIF orientation (1-8) not yet applied to the pixels; 1 = upright
 */
public record Image(Mat mat, int orientation) implements AutoCloseable {

  public Image {
    if (orientation < 1 || orientation > 8) {
      orientation = 1;
    }
  }

  /** A new image with other pixels and the same metadata; this image is left open. */
  public Image withMat(Mat pixels) {
    return new Image(pixels, orientation);
  }

  public int width() {
    return mat.cols();
  }

  public int height() {
    return mat.rows();
  }

  public boolean hasAlpha() {
    return mat.channels() == 4;
  }

  @Override
  public void close() {
    mat.close();
  }
}
