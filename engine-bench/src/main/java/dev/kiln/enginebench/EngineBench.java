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
import java.util.Map;
import java.util.TreeMap;
import org.bytedeco.javacpp.Loader;
import org.bytedeco.opencv.global.opencv_core;

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
 * </pre>
 *
 * <p>Mode {@code cutout} scores the cut-out methods on an evaluation set with ground truth ({@link
 * CutoutBench}); {@code cutout-sheet} draws a contact sheet of cut-outs of a folder of photos
 * ({@link CutoutSheet}). The model defaults to {@value BenchCutouts#DEFAULT_MODEL}; relative paths
 * are taken from the repository root.
 */
public final class EngineBench {

  private EngineBench() {}

  public static void main(String[] args) throws Exception {
    Map<String, String> options = options(args);
    String mode = options.getOrDefault("mode", "all");
    if (mode.startsWith("cutout")) {
      cutouts(options, mode);
      return;
    }
    Path folder = BenchCutouts.resolve(options.getOrDefault("folder", "."));
    int threads =
        Integer.parseInt(
            options.getOrDefault(
                "threads", Integer.toString(Runtime.getRuntime().availableProcessors())));
    int rounds = Integer.parseInt(options.getOrDefault("rounds", "3"));
    int warmUp = Integer.parseInt(options.getOrDefault("warm-up", "2"));
    int jobs = Integer.parseInt(options.getOrDefault("jobs", "10000"));
    long maxPixels = Long.parseLong(options.getOrDefault("max-pixels", "50000000"));
    List<BenchPipeline> pipelines =
        options.containsKey("pipelines")
            ? BenchPipeline.named(options.get("pipelines"))
            : BenchPipeline.all();

    PrintStream out = System.out;
    String openCv = OpenCvRuntime.load().replaceAll("[^\\x20-\\x7E]", "").trim();
    Path model = BenchCutouts.resolve(options.getOrDefault("model", BenchCutouts.DEFAULT_MODEL));
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

  private static void cutouts(Map<String, String> options, String mode) throws Exception {
    PrintStream out = System.out;
    String openCv = OpenCvRuntime.load().replaceAll("[^\\x20-\\x7E]", "").trim();
    Path folder = BenchCutouts.resolve(options.getOrDefault("folder", "."));
    Path model = BenchCutouts.resolve(options.getOrDefault("model", BenchCutouts.DEFAULT_MODEL));
    int warmUp = Integer.parseInt(options.getOrDefault("warm-up", "2"));
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
          Path save =
              options.containsKey("save") ? BenchCutouts.resolve(options.get("save")) : null;
          new CutoutBench(samples, cutouts, warmUp, save)
              .run(out, BenchCutouts.named(options.getOrDefault("methods", "color,model")));
        }
        case "cutout-sheet" ->
            CutoutSheet.write(
                out,
                folder,
                cutouts,
                BenchCutouts.named(options.getOrDefault("methods", "model")),
                BenchCutouts.resolve(options.getOrDefault("sheet", "cutout-contact-sheet.png")));
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

  private static Map<String, String> options(String[] args) {
    Map<String, String> options = new TreeMap<>();
    for (int i = 0; i < args.length; i++) {
      if (args[i].startsWith("--") && i + 1 < args.length) {
        options.put(args[i].substring(2), args[++i]);
      } else {
        options.put("folder", args[i]);
      }
    }
    return options;
  }
}
