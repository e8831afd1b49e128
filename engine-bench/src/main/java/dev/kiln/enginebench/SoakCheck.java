package dev.kiln.enginebench;

import static org.bytedeco.opencv.global.opencv_core.CV_8UC1;
import static org.bytedeco.opencv.global.opencv_imgcodecs.IMREAD_COLOR_BGR;
import static org.bytedeco.opencv.global.opencv_imgcodecs.imdecode;
import static org.bytedeco.opencv.global.opencv_imgcodecs.imencode;
import static org.bytedeco.opencv.global.opencv_imgproc.INTER_AREA;
import static org.bytedeco.opencv.global.opencv_imgproc.resize;

import dev.kiln.worker.pipeline.PipelineException;
import dev.kiln.worker.pipeline.PipelineRunner;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacpp.Pointer;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Size;

/**
 * Runs many small jobs through the engine in this process and prints resident memory along the way:
 * native memory that an op forgets to release shows as RSS growing from the middle to the end, long
 * after the heap and the allocators have settled.
 */
final class SoakCheck {

  /** The long side of the soak inputs: small jobs, so that many run in little time. */
  private static final int SIDE = 400;

  private static final int WARM_UP_JOBS = 500;

  private SoakCheck() {}

  static void run(
      PrintStream out,
      PipelineRunner runner,
      List<BenchImage> photos,
      List<BenchPipeline> pipelines,
      int jobs,
      int threads)
      throws Exception {
    List<byte[]> inputs = smallInputs(photos);
    AtomicInteger failed = new AtomicInteger();
    runJobs(runner, inputs, pipelines, WARM_UP_JOBS, threads, failed);
    out.printf(
        Locale.ROOT,
        "soak: %d jobs of %d inputs (%d px JPEG) x %d pipelines on %d threads%n",
        jobs,
        inputs.size(),
        SIDE,
        pipelines.size(),
        threads);
    report(out, "start (after " + WARM_UP_JOBS + " warm-up jobs)", 0);
    failed.set(0);
    runJobs(runner, inputs, pipelines, jobs / 2, threads, failed);
    report(out, "middle", jobs / 2);
    runJobs(runner, inputs, pipelines, jobs - jobs / 2, threads, failed);
    report(out, "end", jobs);
    out.printf(Locale.ROOT, "  failed jobs (expected codes only): %d%n", failed.get());
  }

  private static void report(PrintStream out, String when, int done) {
    out.printf(
        Locale.ROOT,
        "  %-32s jobs %6d  RSS %5d MiB  peak %5d MiB  heap committed %4d MiB  JavaCPP live %5.1f"
            + " MiB%n",
        when,
        done,
        ProcessStats.rssMib(),
        ProcessStats.peakRssMib(),
        Runtime.getRuntime().totalMemory() / 1048576,
        Pointer.totalBytes() / 1048576.0);
  }

  private static void runJobs(
      PipelineRunner runner,
      List<byte[]> inputs,
      List<BenchPipeline> pipelines,
      int jobs,
      int threads,
      AtomicInteger failed)
      throws Exception {
    try (ExecutorService pool = Executors.newFixedThreadPool(threads)) {
      List<Future<?>> running = new ArrayList<>();
      for (int job = 0; job < jobs; job++) {
        byte[] input = inputs.get(job % inputs.size());
        BenchPipeline pipeline = pipelines.get((job / inputs.size()) % pipelines.size());
        running.add(
            pool.submit(
                () -> {
                  try {
                    runner.run(input, pipeline.steps(), (index, step) -> {});
                  } catch (PipelineException e) {
                    failed.incrementAndGet();
                  }
                }));
      }
      for (Future<?> job : running) {
        job.get();
      }
    }
  }

  /** Each photo shrunk to {@value #SIDE} px on its long side, as JPEG. */
  private static List<byte[]> smallInputs(List<BenchImage> photos) {
    List<byte[]> inputs = new ArrayList<>();
    for (BenchImage photo : photos) {
      try (BytePointer data = new BytePointer(photo.bytes());
          Mat buffer = new Mat(1, photo.bytes().length, CV_8UC1, data);
          Mat full = imdecode(buffer, IMREAD_COLOR_BGR);
          Mat small = new Mat();
          BytePointer encoded = new BytePointer()) {
        if (full.empty()) {
          continue;
        }
        double scale = SIDE / (double) Math.max(full.cols(), full.rows());
        try (Size size =
            new Size(
                Math.max(1, (int) (full.cols() * scale)),
                Math.max(1, (int) (full.rows() * scale)))) {
          resize(full, small, size, 0, 0, INTER_AREA);
        }
        imencode(".jpg", small, encoded);
        byte[] bytes = new byte[(int) encoded.limit()];
        encoded.get(bytes);
        inputs.add(bytes);
      }
    }
    return inputs;
  }
}
