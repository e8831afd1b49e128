package dev.kiln.model.presets;

import dev.kiln.model.pipeline.AutoOrientStep;
import dev.kiln.model.pipeline.EncodeStep;
import dev.kiln.model.pipeline.Fit;
import dev.kiln.model.pipeline.OutputFormat;
import dev.kiln.model.pipeline.ResizeStep;
import dev.kiln.model.pipeline.Step;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/** Named pipelines a client can ask for with {@code "preset": "<name>"}. */
public enum Preset {
  /** Fits inside 512×512, never enlarged, as WebP. */
  THUMBNAIL(
      List.of(
          new AutoOrientStep(),
          new ResizeStep(512, 512, Fit.INSIDE, false),
          new EncodeStep(OutputFormat.WEBP, 80, false, null))),
  /** A 256×256 square, cropped to cover, as WebP. */
  AVATAR(
      List.of(
          new AutoOrientStep(),
          new ResizeStep(256, 256, Fit.COVER, true),
          new EncodeStep(OutputFormat.WEBP, 85, false, null))),
  /**
   * The messenger sticker: see {@link StickerOptions} (512×512 WebP under 100 KB, 8 px outline).
   */
  STICKER(StickerOptions.DEFAULTS.steps());

  private final List<Step> steps;

  Preset(List<Step> steps) {
    this.steps = steps;
  }

  /** The wire name, e.g. {@code thumbnail}. */
  public String wireName() {
    return name().toLowerCase();
  }

  public List<Step> steps() {
    return steps;
  }

  public static Optional<Preset> byName(String name) {
    return Arrays.stream(values()).filter(p -> p.wireName().equals(name)).findFirst();
  }

  /** The names clients may use, for error messages. */
  public static List<String> names() {
    return Arrays.stream(values()).map(Preset::wireName).toList();
  }
}
