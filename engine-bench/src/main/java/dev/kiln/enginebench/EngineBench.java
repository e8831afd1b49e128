package dev.kiln.enginebench;

import dev.kiln.worker.pipeline.Op;
import dev.kiln.worker.pipeline.OpRegistry;
import dev.kiln.worker.pipeline.OpenCvRuntime;
import dev.kiln.worker.pipeline.Ops;
import dev.kiln.worker.pipeline.PipelineRunner;
import dev.kiln.worker.pipeline.ops.EncodeOp;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.bytedeco.javacpp.Loader;
import org.bytedeco.opencv.global.opencv_core;
import picocli.CommandLine;

/**
 * The engine benchmark: runs pipelines over a folder of images in one warm process and prints, per
 * pipeline, images per second and CPU milliseconds per image on one thread and on N threads, peak
 * resident memory, and (mode {@code soak}) resident memory over thousands of small jobs. Not a
 * test: figures depend on the machine. See {@code docs/engine.md} for the command and photos.
 *
 * <pre>
 * EngineBench FOLDER [--mode pipelines|soak|all] [--pipelines thumbnail,sticker,avatar,resize]
 *                    [--threads N] [--rounds R] [--warm-up W] [--jobs J] [--max-pixels P]
 * EngineBench SET --mode cutout [--methods color,model] [--model PATH] [--warm-up W]
 *                    [--save DIR]
 * EngineBench FOLDER --mode cutout-sheet --sheet FILE.png [--methods model] [--model PATH]
 * EngineBench FOLDER --mode sticker-sheet [--sticker-sheet FILE.png] [--model PATH]
 * </pre>
 *
 * <p>Mode {@code cutout} scores the cut-out methods on an evaluation set with ground truth ({@link
 * CutoutBench}); {@code cutout-sheet} draws a contact sheet of cut-outs of a folder of photos
 * ({@link CutoutSheet}); {@code sticker-sheet} one of the finished stickers ({@link StickerSheet}).
 * The model defaults to {@value BenchCutouts#DEFAULT_MODEL}; relative paths are taken from the
 * repository root.
 */
public final class EngineBench {

  private EngineBench() {}

  public static void main(String[] args) throws Exception {
    EngineBenchArgs options = new EngineBenchArgs();
    CommandLine cli = new CommandLine(options);
    try {
      cli.parseArgs(args);
    } catch (CommandLine.ParameterException e) {
      System.err.println(e.getMessage());
      cli.usage(System.err);
      System.exit(2);
    }
    if (cli.isUsageHelpRequested() || cli.isVersionHelpRequested()) {
      cli.usage(System.out);
      return;
    }
    run(options);
  }

  private static void run(EngineBenchArgs options) throws Exception {
    String mode = options.mode;
    if (mode.startsWith("cutout")) {
      cutouts(options, mode);
      return;
    }
    if (!List.of("all", "pipelines", "soak", "sticker-sheet").contains(mode)) {
      throw new IllegalArgumentException("unknown mode " + mode);
    }
    Path folder = BenchCutouts.resolve(options.folder);
    int threads =
        options.threads != null ? options.threads : Runtime.getRuntime().availableProcessors();
    int rounds = options.rounds;
    int warmUp = options.warmUp;
    int jobs = options.jobs;
    long maxPixels = options.maxPixels;
    List<BenchPipeline> pipelines =
        options.pipelines != null ? BenchPipeline.named(options.pipelines) : BenchPipeline.all();

    PrintStream out = System.out;
    String openCv = OpenCvRuntime.load().replaceAll("[^\\x20-\\x7E]", "").trim();
    Path model = BenchCutouts.resolve(options.model);
    BenchCutouts cutouts = new BenchCutouts(model);
    List<Op<?>> all = Ops.all(cutouts.asWorker());
    OpRegistry ops = new OpRegistry(all);
    out.println(
        "remove_background: "
            + (Files.isRegularFile(model)
                ? "auto = the model, " + model
                : "auto = color (no model)"));
    PipelineRunner runner = new PipelineRunner(ops, new EncodeOp(), maxPixels);
    List<BenchImage> images = BenchImage.load(folder);
    if (images.isEmpty()) {
      throw new IllegalArgumentException("no images in " + folder.toAbsolutePath());
    }
    if (mode.equals("sticker-sheet")) {
      StickerSheet.write(out, folder, runner, BenchCutouts.resolve(options.stickerSheet));
      return;
    }
    header(out, openCv, folder, images, all, threads, rounds);
    if (!mode.equals("soak")) {
      PipelineBench bench = new PipelineBench(runner, images, rounds, warmUp);
      out.printf(
          Locale.ROOT,
          "%-10s | %8s %10s %10s %10s | %8s %10s | %s%n",
          "pipeline",
          "1T img/s",
          "CPU-ms med",
          "CPU-ms avg",
          "proc/thr",
          threads + "T img/s",
          threads + "T CPU-ms",
          "failed (code: images)");
      for (BenchPipeline pipeline : pipelines) {
        PipelineBench.Figures f = bench.measure(pipeline, threads);
        out.printf(
            Locale.ROOT,
            "%-10s | %8.2f %10.1f %10.1f %10.2f | %8.2f %10.1f | %s%n",
            f.pipeline(),
            f.singleImagesPerSecond(),
            f.singleCpuMsMedian(),
            f.singleCpuMsMean(),
            f.processToThreadCpu(),
            f.parallelImagesPerSecond(),
            f.parallelCpuMsMedian(),
            f.failures().isEmpty() ? "-" : f.failures());
      }
      out.println(
          "  1T: one thread. CPU-ms med: median over the images of each image's median CPU time"
              + " (of the thread that ran it); avg: mean over all runs; proc/thr: CPU time of the"
              + " whole process (JIT, GC) over that of the running thread. "
              + threads
              + "T: "
              + threads
              + " threads, median CPU-ms per image.");
      out.printf(Locale.ROOT, "peak RSS (VmHWM): %d MiB%n", ProcessStats.peakRssMib());
      for (BenchPipeline pipeline : pipelines) {
        out.printf(Locale.ROOT, "  %-10s %s%n", pipeline.name(), pipeline.describe());
      }
    }
    if (!mode.equals("pipelines")) {
      SoakCheck.run(out, runner, images, pipelines, jobs, threads);
      out.printf(Locale.ROOT, "peak RSS (VmHWM): %d MiB%n", ProcessStats.peakRssMib());
    }
  }

  private static void cutouts(EngineBenchArgs options, String mode) throws Exception {
    PrintStream out = System.out;
    String openCv = OpenCvRuntime.load().replaceAll("[^\\x20-\\x7E]", "").trim();
    Path folder = BenchCutouts.resolve(options.folder);
    Path model = BenchCutouts.resolve(options.model);
    int warmUp = options.warmUp;
    runtime(out, openCv);
    try (BenchCutouts cutouts = new BenchCutouts(model)) {
      switch (mode) {
        case "cutout" -> {
          List<CutoutSample> samples = CutoutSample.load(folder);
          if (samples.isEmpty()) {
            throw new IllegalArgumentException("no images with masks in " + folder);
          }
          out.printf(
              Locale.ROOT,
              "  cut-out: %d images with ground truth from %s, warm-up %d rounds%n",
              samples.size(),
              folder,
              warmUp);
          Path save = options.save != null ? BenchCutouts.resolve(options.save) : null;
          new CutoutBench(samples, cutouts, warmUp, save)
              .run(out, BenchCutouts.named(orDefault(options.methods, "color,model")));
        }
        case "cutout-sheet" ->
            CutoutSheet.write(
                out,
                folder,
                cutouts,
                BenchCutouts.named(orDefault(options.methods, "model")),
                BenchCutouts.resolve(options.sheet));
        default -> throw new IllegalArgumentException("unknown mode " + mode);
      }
    }
  }

  private static void runtime(PrintStream out, String openCv) {
    out.println("Kiln engine benchmark");
    out.printf(
        Locale.ROOT,
        "  JVM %s (%s %s), OpenCV %s, JavaCPP %s, cores %d, OpenCV threads %d%n",
        Runtime.version(),
        System.getProperty("java.vm.vendor"),
        System.getProperty("java.vm.name"),
        openCv,
        javacppVersion(),
        Runtime.getRuntime().availableProcessors(),
        opencv_core.getNumThreads());
  }

  private static void header(
      PrintStream out,
      String openCv,
      Path folder,
      List<BenchImage> images,
      List<Op<?>> ops,
      int threads,
      int rounds) {
    double[] mp = images.stream().mapToDouble(BenchImage::megapixels).toArray();
    runtime(out, openCv);
    out.printf(
        Locale.ROOT,
        "  %d images from %s: %.1f-%.1f MP (median %.1f), %d rounds, %d threads in the parallel"
            + " run%n",
        images.size(),
        folder.toAbsolutePath(),
        Arrays.stream(mp).min().orElse(0),
        Arrays.stream(mp).max().orElse(0),
        PipelineBench.median(mp),
        rounds,
        threads);
    out.println(
        "  ops: "
            + String.join(
                ", ", ops.stream().map(op -> op.getClass().getSimpleName()).sorted().toList()));
  }

  private static String javacppVersion() {
    try {
      return Loader.getVersion();
    } catch (java.io.IOException e) {
      return "?";
    }
  }

  private static String orDefault(String value, String otherwise) {
    return value != null ? value : otherwise;
  }
}
