package dev.kiln.model.pipeline;

import com.fasterxml.jackson.annotation.JsonTypeName;
import dev.kiln.model.validation.Violations;

/**
 * Rotates clockwise by {@code angle} degrees. Multiples of 90 are exact (pixels are moved, not
 * resampled); any other angle resamples onto a canvas grown to hold the whole rotated image, the
 * uncovered corners filled with {@code background}.
 *
 * @param angle degrees, -360 to 360; negative turns counter-clockwise
 * @param background the corner fill of non-right angles (default transparent)
 */
@JsonTypeName("rotate")
public record RotateStep(Double angle, String background) implements Step {

  public static final String DEFAULT_BACKGROUND = "transparent";

  public RotateStep {
    background = background == null ? DEFAULT_BACKGROUND : background;
  }

  public static RotateStep by(double angle) {
    return new RotateStep(angle, null);
  }

  /** The angle as a clockwise turn in [0, 360). */
  public double normalizedAngle() {
    double turn = angle % 360;
    return turn < 0 ? turn + 360 : turn;
  }

  @Override
  public String describe() {
    return "Rotating";
  }

  @Override
  public void validate(Violations violations) {
    violations.require(angle != null, "angle", "angle is required (degrees, clockwise)");
    violations.between(angle, -360, 360, "angle");
    Color.check(background, "background", violations);
  }
}
