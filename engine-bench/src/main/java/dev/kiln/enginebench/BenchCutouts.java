package dev.kiln.enginebench;

import ai.onnxruntime.OrtException;
import dev.kiln.worker.pipeline.cutout.BorderFloodCutout;
import dev.kiln.worker.pipeline.cutout.CutoutMethod;
import dev.kiln.worker.pipeline.cutout.CutoutMethods;
import dev.kiln.worker.pipeline.cutout.CutoutSettings;
import dev.kiln.worker.pipeline.cutout.model.ModelCutout;
import dev.kiln.worker.pipeline.cutout.model.SegmentationModel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/**
 * The cut-out methods the benchmark compares, built by hand as the worker builds them: {@code
 * color} ({@link BorderFloodCutout}) and {@code model} ({@link ModelCutout} on the U²-Netp file,
 * with the worker's defaults: 320 px input, one inference at a time, 2 threads). The model is
 * loaded on first use and closed with this object.
 */
final class BenchCutouts implements AutoCloseable {

  static final List<String> NAMES = List.of("color", "model");

  /** The model file {@code ./kiln models fetch} installs. */
  static final String DEFAULT_MODEL = ".kiln/models/u2netp/model.onnx";

  /** {@code remove_background}'s defaults. */
  static final CutoutSettings SETTINGS = new CutoutSettings(32, 1, true);

  private static final int MODEL_SIZE = 320;
  private static final int MODEL_THREADS = 2;
  private static final List<Float> MEAN = List.of(0.485f, 0.456f, 0.406f);
  private static final List<Float> STD = List.of(0.229f, 0.224f, 0.225f);

  private final Path modelFile;
  private SegmentationModel model;

  BenchCutouts(Path modelFile) {
    this.modelFile = modelFile;
  }

  /** The names in {@code list} (comma-separated), checked. */
  static List<String> named(String list) {
    List<String> names = Arrays.stream(list.split(",")).map(String::trim).toList();
    for (String name : names) {
      if (!NAMES.contains(name)) {
        throw new IllegalArgumentException("unknown cut-out method " + name + "; known: " + NAMES);
      }
    }
    return names;
  }

  CutoutMethod method(String name) throws OrtException {
    return switch (name) {
      case "color" -> new BorderFloodCutout();
      case "model" -> new ModelCutout(model(), MEAN, STD);
      default -> throw new IllegalArgumentException("unknown cut-out method " + name);
    };
  }

  String describe(String name) {
    return switch (name) {
      case "color" -> "color: BorderFloodCutout, tolerance 32, feather 1";
      case "model" ->
          "model: ModelCutout, "
              + modelFile
              + " ("
              + MODEL_SIZE
              + " px, "
              + MODEL_THREADS
              + " threads), feather 1, main subject only";
      default -> name;
    };
  }

  private SegmentationModel model() throws OrtException {
    if (model == null) {
      if (!Files.isRegularFile(modelFile)) {
        throw new IllegalArgumentException(
            "no model file "
                + modelFile
                + ": ./kiln models fetch installs it, or give --model PATH (docs/models.md)");
      }
      model = SegmentationModel.load(modelFile, MODEL_SIZE, 1, MODEL_THREADS);
    }
    return model;
  }

  /**
   * The worker's cut-out methods as {@code auto} finds them: with the model when its file exists
   * (what a worker given the model runs), the colour method alone otherwise.
   */
  CutoutMethods asWorker() throws OrtException {
    BorderFloodCutout color = new BorderFloodCutout();
    return Files.isRegularFile(modelFile)
        ? CutoutMethods.with(color, new ModelCutout(model(), MEAN, STD))
        : CutoutMethods.colorOnly(color);
  }

  @Override
  public void close() throws OrtException {
    if (model != null) {
      model.close();
    }
  }

  /**
   * A path given on the command line. {@code ./kiln engine-bench} runs the benchmark in the
   * engine-bench/ module folder, so a relative path is taken from the repository root (the folder
   * with {@code mvnw}: this one or its parent).
   */
  static Path resolve(String given) {
    Path path = Path.of(given);
    if (path.isAbsolute()) {
      return path;
    }
    Path here = Path.of("").toAbsolutePath();
    Path parent = here.getParent();
    boolean inModule =
        !Files.exists(here.resolve("mvnw"))
            && parent != null
            && Files.exists(parent.resolve("mvnw"));
    return (inModule ? parent : here).resolve(path).normalize();
  }
}
