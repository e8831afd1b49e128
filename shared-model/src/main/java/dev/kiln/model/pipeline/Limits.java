package dev.kiln.model.pipeline;

/** Hard bounds of pipeline arguments, enforced at submit time and again by the worker. */
public final class Limits {

  /** The most steps one pipeline may have. */
  public static final int MAX_STEPS = 20;

  /** The largest width or height a step may ask for. */
  public static final int MAX_DIMENSION = 16_384;

  /** The largest {@code max_bytes} an encode step may ask for. */
  public static final long MAX_OUTPUT_BYTES = 100L * 1024 * 1024;

  private Limits() {}
}
