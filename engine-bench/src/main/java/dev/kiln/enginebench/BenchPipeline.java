package dev.kiln.enginebench;

import dev.kiln.model.pipeline.AutoOrientStep;
import dev.kiln.model.pipeline.EncodeStep;
import dev.kiln.model.pipeline.Fit;
import dev.kiln.model.pipeline.OutputFormat;
import dev.kiln.model.pipeline.Pipelines;
import dev.kiln.model.pipeline.RemoveBackgroundStep;
import dev.kiln.model.pipeline.ResizeStep;
import dev.kiln.model.pipeline.Step;
import dev.kiln.model.presets.Preset;
import java.util.Arrays;
import java.util.List;

/**
 * A named pipeline the benchmark runs: the presets clients use, plus a plain resize.
 *
 * @param steps complete (ending in encode)
 */
record BenchPipeline(String name, List<Step> steps) {

  /** Messenger stickers are at most this large. */
  private static final long STICKER_BYTES = 100L * 1024;

  static List<BenchPipeline> all() {
    return List.of(
        preset("thumbnail"),
        sticker(),
        preset("avatar"),
        new BenchPipeline(
            "resize",
            List.of(
                new ResizeStep(1024, 1024, Fit.INSIDE, false),
                new EncodeStep(OutputFormat.JPEG, 85, false, null))));
  }

  /** The pipelines whose names are listed (comma-separated), in that order. */
  static List<BenchPipeline> named(String names) {
    List<BenchPipeline> all = all();
    return Arrays.stream(names.split(","))
        .map(String::trim)
        .map(
            name ->
                all.stream()
                    .filter(p -> p.name().equals(name))
                    .findFirst()
                    .orElseThrow(() -> new IllegalArgumentException("no pipeline " + name)))
        .toList();
  }

  private static BenchPipeline preset(String name) {
    Preset preset = Preset.byName(name).orElseThrow();
    return new BenchPipeline(name, Pipelines.withEncode(preset.steps()));
  }

  /**
   * The {@code sticker} preset where this build has it; otherwise the same shape with the steps
   * this build has: cut out, fit 512×512, WebP of at most 100 KB.
   */
  private static BenchPipeline sticker() {
    return Preset.byName("sticker")
        .map(p -> new BenchPipeline("sticker", Pipelines.withEncode(p.steps())))
        .orElseGet(
            () ->
                new BenchPipeline(
                    "sticker",
                    List.of(
                        new AutoOrientStep(),
                        new RemoveBackgroundStep(null, null),
                        new ResizeStep(512, 512, Fit.CONTAIN, true),
                        new EncodeStep(OutputFormat.WEBP, null, false, STICKER_BYTES))));
  }

  /** The op names, e.g. {@code auto_orient > resize > encode}. */
  String describe() {
    return String.join(" > ", steps.stream().map(Step::op).toList());
  }
}
