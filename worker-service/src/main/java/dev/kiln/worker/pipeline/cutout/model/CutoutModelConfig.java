package dev.kiln.worker.pipeline.cutout.model;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * The salient-object segmentation model of {@code remove_background} (docs/models.md). Any ONNX
 * model with the same convention fits: one input, RGB, NCHW float32 of {@link #inputSize()}
 * squared, normalised as {@code (value / 255 - mean) / std} per channel; the first output a 1×1×H×W
 * map of subject probability in 0..1.
 */
@ConfigMapping(prefix = "kiln.worker.cutout.model")
public interface CutoutModelConfig {

  /** The model file; without one (or when it is missing) the colour method is used. */
  Optional<Path> path();

  /** The side of the square input the model takes, in pixels. */
  @WithDefault("320")
  int inputSize();

  /** Per-channel mean (R, G, B) subtracted from values scaled to 0..1. */
  @WithDefault("0.485,0.456,0.406")
  List<Float> mean();

  /** Per-channel standard deviation (R, G, B) the values are divided by. */
  @WithDefault("0.229,0.224,0.225")
  List<Float> std();

  /**
   * Inferences this worker runs at once. Each uses {@link #threads()} cores and its own working
   * memory, apart from the pipelines' slots ({@code kiln.worker.concurrency}).
   */
  @WithDefault("1")
  int concurrency();

  /** Threads one inference uses (ONNX Runtime's intra-op threads). */
  @WithDefault("2")
  int threads();
}
