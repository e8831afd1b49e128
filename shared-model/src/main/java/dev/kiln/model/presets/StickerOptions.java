package dev.kiln.model.presets;

import dev.kiln.model.pipeline.AutoOrientStep;
import dev.kiln.model.pipeline.BackgroundMethod;
import dev.kiln.model.pipeline.Color;
import dev.kiln.model.pipeline.EncodeStep;
import dev.kiln.model.pipeline.Fit;
import dev.kiln.model.pipeline.Limits;
import dev.kiln.model.pipeline.OutlineStep;
import dev.kiln.model.pipeline.OutputFormat;
import dev.kiln.model.pipeline.PadStep;
import dev.kiln.model.pipeline.RemoveBackgroundStep;
import dev.kiln.model.pipeline.ResizeStep;
import dev.kiln.model.pipeline.Step;
import dev.kiln.model.pipeline.TrimStep;
import dev.kiln.model.validation.Violations;
import java.util.ArrayList;
import java.util.List;

/**
 * The sticker recipe and what a client may change in it: the subject cut out and trimmed to its
 * bounds, scaled (enlarged if smaller) so that with its outline it fits a {@code size}×{@code size}
 * square, outlined, centred on a transparent canvas of that square, as a WebP of at most {@code
 * max_bytes}. Scaling before the outline keeps the outline {@code outline_width} pixels wide in the
 * result whatever the input's size. Null fields take the messenger-sticker defaults.
 *
 * @param size the square canvas side, {@value #MIN_SIZE} to {@value #MAX_SIZE} (default 512)
 * @param outlineWidth 0 (no outline) to {@link Limits#MAX_OUTLINE_WIDTH} (default 8)
 * @param outlineColor default white
 * @param method how the subject is found: {@code auto} (default), {@code model} or {@code color}
 *     (see {@link RemoveBackgroundStep})
 * @param tolerance background removal colour tolerance (see {@link RemoveBackgroundStep})
 * @param feather background removal soft edge (see {@link RemoveBackgroundStep})
 * @param maxBytes the largest file, {@value #MIN_MAX_BYTES} bytes or more (default 100 KB)
 */
public record StickerOptions(
    Integer size,
    Integer outlineWidth,
    String outlineColor,
    BackgroundMethod method,
    Integer tolerance,
    Double feather,
    Long maxBytes) {

  public static final int DEFAULT_SIZE = 512;
  public static final int DEFAULT_OUTLINE_WIDTH = 8;
  public static final long DEFAULT_MAX_BYTES = 100L * 1024;
  public static final int MIN_SIZE = 64;
  public static final int MAX_SIZE = 2048;
  public static final long MIN_MAX_BYTES = 4 * 1024;

  /** The messenger sticker. */
  public static final StickerOptions DEFAULTS =
      new StickerOptions(null, null, null, null, null, null, null);

  public StickerOptions {
    size = size == null ? DEFAULT_SIZE : size;
    outlineWidth = outlineWidth == null ? DEFAULT_OUTLINE_WIDTH : outlineWidth;
    outlineColor = outlineColor == null ? OutlineStep.DEFAULT_COLOR : outlineColor;
    maxBytes = maxBytes == null ? DEFAULT_MAX_BYTES : maxBytes;
  }

  /** Adds a violation for each option out of range, named by its wire field. */
  public void validate(Violations violations) {
    violations.range(size, MIN_SIZE, MAX_SIZE, "size");
    violations.range(outlineWidth, 0, Limits.MAX_OUTLINE_WIDTH, "outline_width");
    Color.check(outlineColor, "outline_color", violations);
    violations.range(maxBytes, MIN_MAX_BYTES, Limits.MAX_OUTPUT_BYTES, "max_bytes");
    cutout().validate(violations);
    violations.require(size > 2 * outlineWidth, "outline_width", "must be less than half of size");
  }

  /** The pipeline; call only when {@link #validate} found nothing. */
  public List<Step> steps() {
    int subject = size - 2 * outlineWidth;
    List<Step> steps = new ArrayList<>();
    steps.add(new AutoOrientStep());
    steps.add(cutout());
    steps.add(TrimStep.withDefaults());
    steps.add(new ResizeStep(subject, subject, Fit.CONTAIN, true));
    if (outlineWidth > 0) {
      steps.add(new OutlineStep(outlineWidth, outlineColor));
    }
    steps.add(PadStep.canvas(size, size));
    steps.add(new EncodeStep(OutputFormat.WEBP, null, false, maxBytes));
    return List.copyOf(steps);
  }

  private RemoveBackgroundStep cutout() {
    return new RemoveBackgroundStep(method, tolerance, feather, null);
  }
}
