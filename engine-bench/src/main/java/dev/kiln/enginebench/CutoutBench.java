package dev.kiln.enginebench;

import static org.bytedeco.opencv.global.opencv_imgcodecs.IMREAD_COLOR;
import static org.bytedeco.opencv.global.opencv_imgcodecs.IMREAD_GRAYSCALE;
import static org.bytedeco.opencv.global.opencv_imgcodecs.imread;
import static org.bytedeco.opencv.global.opencv_imgcodecs.imwrite;

import dev.kiln.worker.pipeline.cutout.Cutout;
import dev.kiln.worker.pipeline.cutout.CutoutMethod;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.TreeSet;
import java.util.function.ToDoubleFunction;
import org.bytedeco.opencv.opencv_core.Mat;

/**
 * Cut-out quality and cost (mode {@code cutout}): each method cuts every image of an evaluation set
 * ({@link CutoutSample}) once, in this warm process, and its alpha is scored against the ground
 * truth ({@link MaskScore}). Time is the process's CPU time (the model runs on threads of its own)
 * and wall time around the cut alone; decoding is not timed. Prints one line per method, the IoU
 * per kind of scene, and the worst images of each method.
 */
final class CutoutBench {

  /** The warm-up cuts this many images, before timing. */
  private static final int WARM_UP_IMAGES = 4;

  private static final int WORST = 5;

  private final List<CutoutSample> samples;
  private final BenchCutouts cutouts;
  private final int warmUpRounds;
  private final Path saveTo;

  /**
   * @param saveTo where to write each method's alpha ({@code saveTo/METHOD/NAME.png}) and the
   *     scores of every image ({@code saveTo/scores.tsv}); null for nowhere
   */
  CutoutBench(List<CutoutSample> samples, BenchCutouts cutouts, int warmUpRounds, Path saveTo) {
    this.samples = samples;
    this.cutouts = cutouts;
    this.warmUpRounds = warmUpRounds;
    this.saveTo = saveTo;
  }

  /** One image cut by one method; {@code failure} is set when the method threw. */
  record Result(
      CutoutSample sample, MaskScore score, double cpuMs, double wallMs, String failure) {}

  /** Every result of one method, and the peak RSS of the process once it was done. */
  record Figures(String method, List<Result> results, long peakRssMib) {

    double[] values(ToDoubleFunction<Result> value) {
      return results.stream().mapToDouble(value).toArray();
    }

    double median(ToDoubleFunction<Result> value) {
      return PipelineBench.median(values(value));
    }
  }

  void run(PrintStream out, List<String> methods) throws Exception {
    List<Figures> all = new ArrayList<>();
    for (String method : methods) {
      out.println("  " + cutouts.describe(method));
      all.add(measure(method));
    }
    table(out, all);
    byScene(out, all);
    for (Figures figures : all) {
      worst(out, figures);
    }
    if (saveTo != null) {
      writeScores(saveTo.resolve("scores.tsv"), all);
      out.println("alphas and scores.tsv in " + saveTo);
    }
  }

  private static void writeScores(Path file, List<Figures> all) throws IOException {
    List<String> lines = new ArrayList<>();
    lines.add("method\tname\tscene\tiou\tsoft_iou\tprecision\trecall\tcpu_ms\twall_ms\tfailure");
    for (Figures f : all) {
      for (Result r : f.results()) {
        lines.add(
            String.format(
                Locale.ROOT,
                "%s\t%s\t%s\t%.4f\t%.4f\t%.4f\t%.4f\t%.1f\t%.1f\t%s",
                f.method(),
                r.sample().name(),
                r.sample().group(),
                r.score().iou(),
                r.score().softIou(),
                r.score().precision(),
                r.score().recall(),
                r.cpuMs(),
                r.wallMs(),
                r.failure() == null ? "" : r.failure()));
      }
    }
    Files.write(file, lines);
  }

  private Figures measure(String name) throws Exception {
    CutoutMethod method = cutouts.method(name);
    List<CutoutSample> warmUp = samples.subList(0, Math.min(WARM_UP_IMAGES, samples.size()));
    for (int round = 0; round < warmUpRounds; round++) {
      for (CutoutSample sample : warmUp) {
        try (Mat bgr = read(sample.image(), IMREAD_COLOR);
            Cutout cutout = method.cut(bgr, BenchCutouts.SETTINGS)) {
          // only warming up
        }
      }
    }
    if (saveTo != null) {
      Files.createDirectories(saveTo.resolve(name));
    }
    List<Result> results = new ArrayList<>();
    for (CutoutSample sample : samples) {
      results.add(cut(name, method, sample));
    }
    return new Figures(name, results, ProcessStats.peakRssMib());
  }

  private Result cut(String name, CutoutMethod method, CutoutSample sample) throws IOException {
    try (Mat bgr = read(sample.image(), IMREAD_COLOR);
        Mat truth = read(sample.mask(), IMREAD_GRAYSCALE)) {
      long wallStart = System.nanoTime();
      long cpuStart = ProcessStats.processCpuNanos();
      Cutout cutout;
      try {
        cutout = method.cut(bgr, BenchCutouts.SETTINGS);
      } catch (RuntimeException e) {
        return new Result(sample, new MaskScore(0, 0, 0, 0), 0, 0, e.getMessage());
      }
      double cpuMs = (ProcessStats.processCpuNanos() - cpuStart) / 1e6;
      double wallMs = (System.nanoTime() - wallStart) / 1e6;
      try (cutout) {
        if (saveTo != null) {
          imwrite(saveTo.resolve(name).resolve(sample.name() + ".png").toString(), cutout.alpha());
        }
        return new Result(sample, MaskScore.of(cutout.alpha(), truth), cpuMs, wallMs, null);
      }
    }
  }

  private static Mat read(Path file, int flags) throws IOException {
    Mat image = imread(file.toString(), flags);
    if (image.empty()) {
      image.close();
      throw new IOException("cannot decode " + file);
    }
    return image;
  }

  private static void table(PrintStream out, List<Figures> all) {
    out.printf(
        Locale.ROOT,
        "%-6s | %6s | %7s %7s %7s | %8s | %9s %9s | %8s %8s %8s | %8s | %s%n",
        "method",
        "images",
        "IoU med",
        "IoU min",
        "IoU avg",
        "soft IoU",
        "precision",
        "recall",
        "CPU-ms",
        "CPU avg",
        "wall-ms",
        "peak RSS",
        "failed");
    for (Figures f : all) {
      out.printf(
          Locale.ROOT,
          "%-6s | %6d | %7.3f %7.3f %7.3f | %8.3f | %9.3f %9.3f | %8.0f %8.0f %8.0f | %4d MiB | %d%n",
          f.method(),
          f.results().size(),
          f.median(r -> r.score().iou()),
          min(f.values(r -> r.score().iou())),
          mean(f.values(r -> r.score().iou())),
          f.median(r -> r.score().softIou()),
          f.median(r -> r.score().precision()),
          f.median(r -> r.score().recall()),
          f.median(Result::cpuMs),
          mean(f.values(Result::cpuMs)),
          f.median(Result::wallMs),
          f.peakRssMib(),
          f.results().stream().filter(r -> r.failure() != null).count());
    }
    out.println(
        "  IoU of the alphas thresholded at 128; soft IoU: sum of min(alpha, truth) over sum of"
            + " max; precision, recall, soft IoU: medians over the images. CPU-ms: the process's"
            + " CPU time per image (median, mean), wall-ms: median; the cut alone, decoding"
            + " excluded. Peak RSS (VmHWM) once the method was done: it includes the methods"
            + " before it.");
  }

  private static void byScene(PrintStream out, List<Figures> all) {
    TreeSet<String> groups = new TreeSet<>();
    all.get(0).results().forEach(r -> groups.add(r.sample().group()));
    StringBuilder head =
        new StringBuilder(String.format(Locale.ROOT, "%-10s | %6s", "scene", "images"));
    for (Figures f : all) {
      head.append(String.format(Locale.ROOT, " | %-22s", f.method() + " IoU med (min)"));
    }
    out.println(head);
    for (String group : groups) {
      StringBuilder line = new StringBuilder();
      long count = 0;
      for (Figures f : all) {
        double[] iou =
            f.results().stream()
                .filter(r -> r.sample().group().equals(group))
                .mapToDouble(r -> r.score().iou())
                .toArray();
        count = iou.length;
        line.append(
            String.format(
                Locale.ROOT,
                " | %-22s",
                String.format(Locale.ROOT, "%.3f (%.3f)", PipelineBench.median(iou), min(iou))));
      }
      out.printf(Locale.ROOT, "%-10s | %6d%s%n", group, count, line);
    }
  }

  private static void worst(PrintStream out, Figures f) {
    out.println("worst " + WORST + " by IoU, " + f.method() + ":");
    f.results().stream()
        .sorted(Comparator.comparingDouble(r -> r.score().iou()))
        .limit(WORST)
        .forEach(
            r ->
                out.printf(
                    Locale.ROOT,
                    "  %-28s IoU %5.3f  precision %5.3f  recall %5.3f%s%n",
                    r.sample().name(),
                    r.score().iou(),
                    r.score().precision(),
                    r.score().recall(),
                    r.failure() == null ? "" : "  failed: " + r.failure()));
  }

  private static double min(double[] values) {
    double min = Double.NaN;
    for (double value : values) {
      min = Double.isNaN(min) ? value : Math.min(min, value);
    }
    return min;
  }

  private static double mean(double[] values) {
    double sum = 0;
    for (double value : values) {
      sum += value;
    }
    return values.length == 0 ? Double.NaN : sum / values.length;
  }
}
