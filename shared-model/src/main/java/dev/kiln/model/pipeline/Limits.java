package dev.kiln.model.pipeline;

/** Hard bounds of pipeline arguments, enforced at submit time and again by the worker. */
public final class Limits {

  /** The most steps one pipeline may have. */
  public static final int MAX_STEPS = 20;

  /** The largest width or height a step may ask for. */
  public static final int MAX_DIMENSION = 16_384;

  /** The largest {@code max_bytes} an encode step may ask for. */
  public static final long MAX_OUTPUT_BYTES = 100L * 1024 * 1024;

  /** The largest Gaussian sigma, in pixels, of {@code blur}, {@code sharpen} and {@code shadow}. */
  public static final double MAX_SIGMA = 100;

  /**
   * The widest {@code outline}, in pixels: the disc dilation costs about width² per pixel, so this
   * bounds its time.
   */
  public static final int MAX_OUTLINE_WIDTH = 64;

  /** The largest {@code shadow} offset, in pixels, either way along either axis. */
  public static final int MAX_OFFSET = 1_024;

  private Limits() {}
}
