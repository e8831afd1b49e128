package dev.kiln.model.presets;

import dev.kiln.model.pipeline.AutoOrientStep;
import dev.kiln.model.pipeline.EncodeStep;
import dev.kiln.model.pipeline.Fit;
import dev.kiln.model.pipeline.OutlineStep;
import dev.kiln.model.pipeline.OutputFormat;
import dev.kiln.model.pipeline.PadStep;
import dev.kiln.model.pipeline.RemoveBackgroundStep;
import dev.kiln.model.pipeline.ResizeStep;
import dev.kiln.model.pipeline.Step;
import dev.kiln.model.pipeline.TrimStep;
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
   * The messenger sticker: the subject cut out and trimmed to its bounds, scaled (enlarged if
   * smaller) so that with an 8 px white outline it fits 512×512, outlined, centred on a transparent
   * 512×512 canvas, as a WebP of at most 100 KB. Scaling before the outline keeps the outline 8 px
   * in the result whatever the input's size (and dilates 512 px, not the photo).
   */
  STICKER(
      List.of(
          new AutoOrientStep(),
          RemoveBackgroundStep.withDefaults(),
          TrimStep.withDefaults(),
          new ResizeStep(
              Preset.STICKER_SIZE - 2 * Preset.STICKER_OUTLINE,
              Preset.STICKER_SIZE - 2 * Preset.STICKER_OUTLINE,
              Fit.CONTAIN,
              true),
          new OutlineStep(Preset.STICKER_OUTLINE, "white"),
          PadStep.canvas(Preset.STICKER_SIZE, Preset.STICKER_SIZE),
          new EncodeStep(OutputFormat.WEBP, null, false, Preset.STICKER_MAX_BYTES)));

  /** The side of a sticker's square canvas. */
  public static final int STICKER_SIZE = 512;

  /** The width of a sticker's outline, in output pixels. */
  public static final int STICKER_OUTLINE = 8;

  /** The largest sticker file messengers accept. */
  public static final long STICKER_MAX_BYTES = 100L * 1024;

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
