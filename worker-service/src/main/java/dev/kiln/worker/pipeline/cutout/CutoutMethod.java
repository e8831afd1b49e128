package dev.kiln.worker.pipeline.cutout;

import org.bytedeco.opencv.opencv_core.Mat;

/**
 * A way of telling the subject of a photo from its background. {@code remove_background} asks one
 * for an alpha mask and does the rest (compositing, the empty-result check), so that a better
 * method (a trained matting model, say) can replace the first one without touching the op.
 *
 * <p>Implementations are stateless and thread-safe: several jobs cut at once.
 */
public interface CutoutMethod {

  /**
   * @param bgr 8-bit, 3-channel pixels; read only
   * @return the subject's alpha at the size of {@code bgr}; the caller closes it
   */
  Cutout cut(Mat bgr, CutoutSettings settings);
}
