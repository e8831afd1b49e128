package dev.kiln.worker.pipeline.cutout.model;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import java.nio.FloatBuffer;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Semaphore;

/**
 * One loaded segmentation model: its ONNX Runtime session, created once and shared by every job,
 * with its own limit of inferences at once (each takes cores and working memory of its own).
 */
public final class SegmentationModel implements AutoCloseable {

  private final OrtEnvironment environment;
  private final OrtSession session;
  private final String input;
  private final int size;
  private final Semaphore slots;
  private final Path file;

  private SegmentationModel(
      OrtEnvironment environment, OrtSession session, Path file, int size, int concurrency) {
    this.environment = environment;
    this.session = session;
    this.input = session.getInputNames().iterator().next();
    this.file = file;
    this.size = size;
    this.slots = new Semaphore(concurrency, true);
  }

  /** Loads {@code file}; fails when it is not an ONNX model ONNX Runtime can run. */
  public static SegmentationModel load(Path file, int size, int concurrency, int threads)
      throws OrtException {
    OrtEnvironment environment = OrtEnvironment.getEnvironment();
    try (OrtSession.SessionOptions options = new OrtSession.SessionOptions()) {
      options.setIntraOpNumThreads(threads);
      options.setInterOpNumThreads(1);
      options.setOptimizationLevel(OrtSession.SessionOptions.OptLevel.ALL_OPT);
      // Without the arena the resident memory of an idle worker stays about half as high, for a
      // slightly slower inference (docs/engine.md).
      options.setCPUArenaAllocator(false);
      options.setMemoryPatternOptimization(false);
      OrtSession session = environment.createSession(file.toString(), options);
      return new SegmentationModel(environment, session, file, size, concurrency);
    }
  }

  /** The side of the square input, in pixels. */
  public int size() {
    return size;
  }

  public Path file() {
    return file;
  }

  /**
   * Runs the model on one normalised image (NCHW, RGB, {@link #size()} squared), waiting for a free
   * inference slot.
   */
  public ProbabilityMap infer(float[] chw) throws OrtException, InterruptedException {
    slots.acquire();
    try (OnnxTensor tensor =
            OnnxTensor.createTensor(
                environment, FloatBuffer.wrap(chw), new long[] {1, 3, size, size});
        OrtSession.Result result = session.run(Map.of(input, tensor))) {
      OnnxTensor output = (OnnxTensor) result.get(0);
      long[] shape = output.getInfo().getShape();
      int height = (int) shape[shape.length - 2];
      int width = (int) shape[shape.length - 1];
      FloatBuffer values = output.getFloatBuffer();
      float[] probabilities = new float[width * height];
      values.get(probabilities);
      return new ProbabilityMap(probabilities, width, height);
    } finally {
      slots.release();
    }
  }

  @Override
  public void close() throws OrtException {
    session.close();
  }
}
