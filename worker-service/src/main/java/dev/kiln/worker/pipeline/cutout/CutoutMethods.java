package dev.kiln.worker.pipeline.cutout;

import dev.kiln.model.jobs.JobErrorCode;
import dev.kiln.model.pipeline.BackgroundMethod;
import dev.kiln.worker.pipeline.PipelineException;
import dev.kiln.worker.pipeline.cutout.model.CutoutModelConfig;
import dev.kiln.worker.pipeline.cutout.model.ModelCutout;
import dev.kiln.worker.pipeline.cutout.model.SegmentationModel;
import io.quarkus.logging.Log;
import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The cut-out methods of this worker: the colour method always, the segmentation model when one is
 * installed ({@code kiln.worker.cutout.model.path}, loaded once at start and shared). Without the
 * model, {@code auto} uses the colour method and {@code model} fails the job with {@code
 * cutout_unavailable}, which another worker may not.
 */
@Singleton
public class CutoutMethods {

  private final CutoutMethod color;
  private final Optional<ModelCutout> model;
  private final SegmentationModel loaded;

  @Inject
  public CutoutMethods(BorderFloodCutout color, CutoutModelConfig config) {
    this.color = color;
    this.loaded = config.path().map(path -> load(path, config)).orElse(null);
    if (config.path().isEmpty()) {
      Log.warn(
          "No cut-out model (kiln.worker.cutout.model.path): remove_background uses the colour"
              + " method; ./kiln models fetch installs the model (docs/models.md)");
    }
    this.model =
        Optional.ofNullable(loaded).map(m -> new ModelCutout(m, config.mean(), config.std()));
  }

  private CutoutMethods(CutoutMethod color, ModelCutout model) {
    this.color = color;
    this.model = Optional.ofNullable(model);
    this.loaded = null;
  }

  /** The colour method alone (tests, the engine benchmark). */
  public static CutoutMethods colorOnly(CutoutMethod color) {
    return new CutoutMethods(color, null);
  }

  /** Both methods, the model loaded by the caller, who closes it (tests, benchmarks). */
  public static CutoutMethods with(CutoutMethod color, ModelCutout model) {
    return new CutoutMethods(color, model);
  }

  void loadAtStart(@Observes StartupEvent start) {
    // Constructing this bean loads the model: at start, not in the first job.
  }

  /** The method a step asked for, as this worker can do it. */
  public CutoutMethod method(BackgroundMethod asked) {
    return switch (asked) {
      case COLOR -> color;
      case AUTO -> model.<CutoutMethod>map(m -> m).orElse(color);
      case MODEL ->
          model.orElseThrow(
              () ->
                  new PipelineException(
                      JobErrorCode.CUTOUT_UNAVAILABLE,
                      "this worker has no segmentation model installed"));
    };
  }

  public boolean hasModel() {
    return model.isPresent();
  }

  @PreDestroy
  void close() throws Exception {
    if (loaded != null) {
      loaded.close();
    }
  }

  private static SegmentationModel load(Path path, CutoutModelConfig config) {
    if (!Files.isRegularFile(path)) {
      Log.warnf(
          "The cut-out model %s does not exist: remove_background uses the colour method;"
              + " ./kiln models fetch installs it (docs/models.md)",
          path);
      return null;
    }
    try {
      long started = System.nanoTime();
      SegmentationModel model =
          SegmentationModel.load(path, config.inputSize(), config.concurrency(), config.threads());
      Log.infof(
          "Cut-out model %s loaded in %d ms (%d at once, %d threads each)",
          path, (System.nanoTime() - started) / 1_000_000, config.concurrency(), config.threads());
      return model;
    } catch (Exception e) {
      Log.warnf(
          "The cut-out model %s could not be loaded (%s): remove_background uses the colour"
              + " method",
          path, e.getMessage());
      return null;
    }
  }
}
