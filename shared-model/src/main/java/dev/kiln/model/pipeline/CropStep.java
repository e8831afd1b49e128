package dev.kiln.model.pipeline;

import com.fasterxml.jackson.annotation.JsonTypeName;
import dev.kiln.model.validation.Violations;

/**
 * Cuts out the rectangle at ({@code x}, {@code y}) of {@code width} × {@code height}. The part of
 * the rectangle that lies outside the image is dropped (the result is the intersection); a
 * rectangle that misses the image entirely fails the job with {@code crop_outside_image}.
 *
 * @param x left edge in pixels (default 0)
 * @param y top edge in pixels (default 0)
 */
@JsonTypeName("crop")
public record CropStep(Integer x, Integer y, Integer width, Integer height) implements Step {

  public CropStep {
    x = x == null ? 0 : x;
    y = y == null ? 0 : y;
  }

  @Override
  public String describe() {
    return "Cropping";
  }

  @Override
  public void validate(Violations violations) {
    violations.range(x, 0, Limits.MAX_DIMENSION - 1, "x");
    violations.range(y, 0, Limits.MAX_DIMENSION - 1, "y");
    violations.require(width != null, "width", "width is required");
    violations.require(height != null, "height", "height is required");
    violations.range(width, 1, Limits.MAX_DIMENSION, "width");
    violations.range(height, 1, Limits.MAX_DIMENSION, "height");
  }
}
