package dev.kiln.model.pipeline;

import com.fasterxml.jackson.annotation.JsonTypeName;
import dev.kiln.model.validation.Violations;

/**
 * Centres the image on a larger canvas filled with {@code color}. Two forms:
 *
 * <ul>
 *   <li>{@code {width, height}}: a canvas of that size; a missing side keeps the image's length.
 *   <li>{@code {square: true}}: a square canvas whose side is the image's longer side.
 * </ul>
 *
 * The canvas is never smaller than the image: a requested side shorter than the image's is taken as
 * the image's (pad never crops; use {@code crop} or {@code resize} first). An odd leftover puts the
 * extra pixel on the right or bottom.
 *
 * @param color the fill, default transparent
 */
@JsonTypeName("pad")
public record PadStep(Integer width, Integer height, Boolean square, String color) implements Step {

  public static final String DEFAULT_COLOR = "transparent";

  public PadStep {
    square = square != null && square;
    color = color == null ? DEFAULT_COLOR : color;
  }

  /** A transparent canvas of {@code width} × {@code height}. */
  public static PadStep canvas(int width, int height) {
    return new PadStep(width, height, false, null);
  }

  /** A transparent square canvas. */
  public static PadStep toSquare() {
    return new PadStep(null, null, true, null);
  }

  @Override
  public String describe() {
    return "Padding";
  }

  @Override
  public void validate(Violations violations) {
    if (square) {
      violations.require(
          width == null && height == null,
          "square",
          "square takes no width or height: the side is the image's longer side");
    } else {
      violations.require(
          width != null || height != null,
          "width",
          "width or height (or square: true) is required");
    }
    violations.range(width, 1, Limits.MAX_DIMENSION, "width");
    violations.range(height, 1, Limits.MAX_DIMENSION, "height");
    Color.check(color, "color", violations);
  }
}
