package dev.kiln.model.pipeline;

import com.fasterxml.jackson.annotation.JsonTypeName;
import dev.kiln.model.validation.Violations;

/**
 * Cuts the subject out of its background and makes the background transparent. The background is
 * what connects to the image border within {@code tolerance} of the border's colour; the cut gets a
 * soft edge {@code feather} pixels wide. A cut that leaves nothing fails the job with {@code
 * no_subject_found}.
 *
 * @param tolerance colour distance in 8-bit units, 0 to 255 (default 32)
 * @param feather width of the soft edge in pixels, 0 (hard) to {@link #MAX_FEATHER} (default 1)
 */
@JsonTypeName("remove_background")
public record RemoveBackgroundStep(Integer tolerance, Double feather) implements Step {

  public static final int DEFAULT_TOLERANCE = 32;
  public static final double DEFAULT_FEATHER = 1;
  public static final double MAX_FEATHER = 50;

  public RemoveBackgroundStep {
    tolerance = tolerance == null ? DEFAULT_TOLERANCE : tolerance;
    feather = feather == null ? DEFAULT_FEATHER : feather;
  }

  public static RemoveBackgroundStep withDefaults() {
    return new RemoveBackgroundStep(null, null);
  }

  @Override
  public String describe() {
    return "Removing background";
  }

  @Override
  public void validate(Violations violations) {
    violations.range(tolerance, 0, 255, "tolerance");
    violations.between(feather, 0, MAX_FEATHER, "feather");
  }
}
