package dev.kiln.model.pipeline;

import com.fasterxml.jackson.annotation.JsonTypeName;
import dev.kiln.model.validation.Violations;

/**
 * Resizes to a box of {@code width} × {@code height}; a missing side follows the aspect ratio.
 *
 * @param fit defaults to {@link Fit#CONTAIN}
 * @param upscale whether a smaller image may be enlarged (default false)
 */
@JsonTypeName("resize")
public record ResizeStep(Integer width, Integer height, Fit fit, Boolean upscale) implements Step {

  public ResizeStep {
    fit = fit == null ? Fit.CONTAIN : fit;
    upscale = upscale != null && upscale;
  }

  public static ResizeStep contain(int width, int height) {
    return new ResizeStep(width, height, Fit.CONTAIN, false);
  }

  @Override
  public String describe() {
    return "Resizing";
  }

  @Override
  public void validate(Violations violations) {
    violations.require(width != null || height != null, "width", "width or height is required");
    violations.range(width, 1, Limits.MAX_DIMENSION, "width");
    violations.range(height, 1, Limits.MAX_DIMENSION, "height");
    if ((fit == Fit.COVER || fit == Fit.FILL) && (width == null || height == null)) {
      violations.add("fit", "fit '" + fit.name().toLowerCase() + "' needs both width and height");
    }
  }
}
