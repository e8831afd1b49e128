package dev.kiln.worker.pipeline;

import dev.kiln.model.jobs.JobErrorCode;
import dev.kiln.model.pipeline.EncodeStep;
import dev.kiln.model.pipeline.Step;
import dev.kiln.worker.pipeline.ops.EncodeOp;
import java.util.List;
import org.bytedeco.javacpp.PointerScope;

/**
 * Runs a complete pipeline (ending in encode) on input bytes: decode, each step in order, encode.
 * Before every step it calls the {@link StepListener}, which reports progress and may stop the job
 * (cancel, deadline). Every native allocation of a run is released when the run ends, even on
 * failure: images are closed as soon as the next step replaced them, and a {@link PointerScope}
 * around the run collects anything an op forgot.
 */
public final class PipelineRunner {

  private final OpRegistry ops;
  private final EncodeOp encoder;
  private final Decoder decoder;
  private final long maxPixels;

  /**
   * @param maxPixels the largest image allowed: checked on the input's header and again after every
   *     step, since steps such as {@code pad}, {@code rotate} or {@code outline} grow it
   */
  public PipelineRunner(OpRegistry ops, EncodeOp encoder, long maxPixels) {
    this.ops = ops;
    this.encoder = encoder;
    this.decoder = new Decoder(maxPixels);
    this.maxPixels = maxPixels;
  }

  /** Told before each step (throwing stops the run) and after each step that began. */
  @FunctionalInterface
  public interface StepListener {

    /**
     * @param index 0-based position of {@code step} in the pipeline
     */
    void beforeStep(int index, Step step);

    /**
     * Told when a step that began ends, whether it succeeded or failed.
     *
     * @param failure what the step threw, or null when it succeeded
     */
    default void afterStep(int index, Step step, Throwable failure) {}
  }

  /**
   * @param steps a complete pipeline: valid, ending in {@link EncodeStep}
   */
  public EncodedImage run(byte[] input, List<Step> steps, StepListener listener) {
    try (PointerScope scope = new PointerScope()) {
      Image image = decoder.decode(input, steps);
      try {
        for (int i = 0; i < steps.size(); i++) {
          Step step = steps.get(i);
          listener.beforeStep(i, step);
          Throwable failure = null;
          try {
            if (step instanceof EncodeStep encode) {
              return encoder.encode(image, encode);
            }
            Image next = ops.apply(image, step);
            if (next != image) {
              image.close();
              image = next;
              checkSize(image, step);
            }
          } catch (RuntimeException | Error e) {
            failure = e;
            throw e;
          } finally {
            listener.afterStep(i, step, failure);
          }
        }
        throw new IllegalArgumentException("the pipeline does not end with encode");
      } finally {
        image.close();
      }
    }
  }

  private void checkSize(Image image, Step step) {
    long pixels = (long) image.width() * image.height();
    if (pixels > maxPixels) {
      throw new PipelineException(
          JobErrorCode.IMAGE_TOO_LARGE,
          String.format(
              "%s made a %dx%d image (%d pixels); the limit is %d pixels",
              step.op(), image.width(), image.height(), pixels, maxPixels));
    }
  }
}
