package dev.kiln.enginebench;

import dev.kiln.worker.pipeline.PipelineException;
import dev.kiln.worker.pipeline.PipelineRunner;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Times pipelines over a set of images in this warm process: once on one thread (CPU time per
 * image, from the thread's own CPU clock) and once on N threads (throughput). Every image runs once
 * per pipeline before timing starts, so JIT compilation and first-use allocations stay out.
 */
final class PipelineBench {

  private final PipelineRunner runner;
  private final List<BenchImage> images;
  private final int rounds;
  private final int warmUpRounds;

  PipelineBench(PipelineRunner runner, List<BenchImage> images, int rounds, int warmUpRounds) {
    this.runner = runner;
    this.images = images;
    this.rounds = rounds;
    this.warmUpRounds = warmUpRounds;
  }

  /** The figures of one pipeline. */
  record Figures(
      String pipeline,
      double singleImagesPerSecond,
      double singleCpuMsMedian,
      double singleCpuMsMean,
      double processToThreadCpu,
      int threads,
      double parallelImagesPerSecond,
      double parallelCpuMsMedian,
      Map<String, Integer> failures) {}

  Figures measure(BenchPipeline pipeline, int threads) throws Exception {
    for (int round = 0; round < warmUpRounds; round++) {
      for (BenchImage image : images) {
        runOnce(pipeline, image);
      }
    }
    Map<String, Integer> failures = new TreeMap<>();
    double[][] cpuMs = new double[images.size()][rounds];
    long wallStart = System.nanoTime();
    long processStart = ProcessStats.processCpuNanos();
    for (int round = 0; round < rounds; round++) {
      for (int i = 0; i < images.size(); i++) {
        Run run = runOnce(pipeline, images.get(i));
        cpuMs[i][round] = run.cpuNanos() / 1e6;
        if (run.failure() != null && round == 0) {
          failures.merge(run.failure(), 1, Integer::sum);
        }
      }
    }
    int count = images.size() * rounds;
    double singleSeconds = (System.nanoTime() - wallStart) / 1e9;
    double processMs = (ProcessStats.processCpuNanos() - processStart) / 1e6;
    double threadMs = Arrays.stream(cpuMs).flatMapToDouble(Arrays::stream).sum();
    double[] perImage = Arrays.stream(cpuMs).mapToDouble(PipelineBench::median).toArray();

    List<Double> parallelCpu = new ArrayList<>();
    long parallelStart = System.nanoTime();
    try (ExecutorService pool = Executors.newFixedThreadPool(threads)) {
      List<Future<Run>> runs = new ArrayList<>();
      for (int round = 0; round < rounds; round++) {
        for (BenchImage image : images) {
          runs.add(pool.submit(() -> runOnce(pipeline, image)));
        }
      }
      for (Future<Run> run : runs) {
        parallelCpu.add(run.get().cpuNanos() / 1e6);
      }
    }
    double parallelSeconds = (System.nanoTime() - parallelStart) / 1e9;
    return new Figures(
        pipeline.name(),
        count / singleSeconds,
        median(perImage),
        threadMs / count,
        processMs / threadMs,
        threads,
        count / parallelSeconds,
        median(parallelCpu.stream().mapToDouble(Double::doubleValue).toArray()),
        failures);
  }

  private record Run(long cpuNanos, String failure) {}

  private Run runOnce(BenchPipeline pipeline, BenchImage image) {
    long start = ProcessStats.threadCpuNanos();
    String failure = null;
    try {
      runner.run(image.bytes(), pipeline.steps(), (index, step) -> {});
    } catch (PipelineException e) {
      failure = e.code().code();
    }
    return new Run(ProcessStats.threadCpuNanos() - start, failure);
  }

  static double median(double[] values) {
    if (values.length == 0) {
      return Double.NaN;
    }
    double[] sorted = values.clone();
    Arrays.sort(sorted);
    int mid = sorted.length / 2;
    return sorted.length % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
  }
}
