package dev.kiln.model.pipeline;

import com.fasterxml.jackson.annotation.JsonTypeName;
import dev.kiln.model.validation.Violations;

/**
 * Drops a shadow under the subject: the image's alpha (all opaque without alpha), blurred, tinted
 * with {@code color} at {@code opacity}, shifted by the offsets and put beneath the image. The
 * canvas grows on the sides the shadow reaches (offset plus three times the blur), so nothing is
 * clipped.
 *
 * @param offsetX pixels to the right (negative: left), default 4
 * @param offsetY pixels down (negative: up), default 4
 * @param blur the Gaussian sigma of the shadow's edge in pixels, 0 (hard) to {@link
 *     Limits#MAX_SIGMA} (default 4)
 * @param color default black
 * @param opacity 0 to 1 (default 0.5), multiplied with the colour's own alpha
 */
@JsonTypeName("shadow")
public record ShadowStep(
    Integer offsetX, Integer offsetY, Double blur, String color, Double opacity) implements Step {

  public static final int DEFAULT_OFFSET = 4;
  public static final double DEFAULT_BLUR = 4;
  public static final String DEFAULT_COLOR = "black";
  public static final double DEFAULT_OPACITY = 0.5;

  public ShadowStep {
    offsetX = offsetX == null ? DEFAULT_OFFSET : offsetX;
    offsetY = offsetY == null ? DEFAULT_OFFSET : offsetY;
    blur = blur == null ? DEFAULT_BLUR : blur;
    color = color == null ? DEFAULT_COLOR : color;
    opacity = opacity == null ? DEFAULT_OPACITY : opacity;
  }

  @Override
  public String describe() {
    return "Adding shadow";
  }

  @Override
  public void validate(Violations violations) {
    violations.range(offsetX, -Limits.MAX_OFFSET, Limits.MAX_OFFSET, "offset_x");
    violations.range(offsetY, -Limits.MAX_OFFSET, Limits.MAX_OFFSET, "offset_y");
    violations.between(blur, 0, Limits.MAX_SIGMA, "blur");
    Color.check(color, "color", violations);
    violations.between(opacity, 0, 1, "opacity");
  }
}
