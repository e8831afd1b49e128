package dev.kiln.worker.pipeline.cutout;

/**
 * What a caller may tune about a cut.
 *
 * @param tolerance how far (Euclidean distance in OpenCV's 8-bit Lab units, where L spans 0-255) a
 *     colour may lie from the background and still count as background
 * @param feather width in pixels of the soft edge between subject and background; 0 leaves a
 *     one-pixel anti-aliased edge
 * @param mainSubjectOnly drop parts far smaller than the main subject and apart from it (the colour
 *     method always drops specks; see {@link MaskCleanup})
 */
public record CutoutSettings(double tolerance, double feather, boolean mainSubjectOnly) {

  public CutoutSettings {
    if (!(tolerance >= 0) || !(feather >= 0)) {
      throw new IllegalArgumentException("tolerance and feather must be >= 0");
    }
  }
}
