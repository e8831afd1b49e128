package dev.kiln.worker.pipeline.cutout;

import org.bytedeco.opencv.opencv_core.Mat;

/**
 * The result of a {@link CutoutMethod}: an alpha mask in native memory, owned by this object.
 *
 * @param alpha 8-bit, 1 channel: 255 subject, 0 background, in between on soft edges
 * @param subjectFraction the share of the image (0 to 1) that is subject; 0 when nothing is left
 */
public record Cutout(Mat alpha, double subjectFraction) implements AutoCloseable {

  @Override
  public void close() {
    alpha.close();
  }
}
