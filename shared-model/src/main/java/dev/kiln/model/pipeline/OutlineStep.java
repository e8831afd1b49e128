package dev.kiln.model.pipeline;

import com.fasterxml.jackson.annotation.JsonTypeName;
import dev.kiln.model.validation.Violations;

/**
 * Draws a ring of {@code color} around the opaque subject of an image with alpha (the sticker
 * look): the alpha is dilated with a disc of radius {@code width}, so the ring follows the
 * subject's shape and keeps the softness of its edge. The canvas grows by {@code width} on every
 * side so the ring is never clipped. An image without alpha is all subject: it gets a
 * rounded-corner frame.
 *
 * @param width the ring's thickness in pixels, 1 to {@link Limits#MAX_OUTLINE_WIDTH} (default 8)
 * @param color default white
 */
@JsonTypeName("outline")
public record OutlineStep(Integer width, String color) implements Step {

  public static final int DEFAULT_WIDTH = 8;
  public static final String DEFAULT_COLOR = "white";

  public OutlineStep {
    width = width == null ? DEFAULT_WIDTH : width;
    color = color == null ? DEFAULT_COLOR : color;
  }

  @Override
  public String describe() {
    return "Drawing outline";
  }

  @Override
  public void validate(Violations violations) {
    violations.range(width, 1, Limits.MAX_OUTLINE_WIDTH, "width");
    Color.check(color, "color", violations);
  }
}
