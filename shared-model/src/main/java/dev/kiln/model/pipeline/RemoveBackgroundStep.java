package dev.kiln.model.pipeline;

import com.fasterxml.jackson.annotation.JsonTypeName;
import dev.kiln.model.validation.Violations;

/**
 * Cuts the subject out of its background and makes the background transparent. With {@code method}
 * {@code model} (what {@code auto} uses when the worker has the model) a salient-object
 * segmentation model finds the subject, and its mask is refined on the image's own edges, so edges
 * are soft and fur or hair are approximated; with {@code color} the background is what connects to
 * the image border within {@code tolerance} of the border's colour. A cut that leaves nothing fails
 * the job with {@code no_subject_found}.
 *
 * @param method {@code auto} (default), {@code model} or {@code color}
 * @param tolerance colour distance in 8-bit units, 0 to 255 (default 32); the colour method only
 * @param feather width of the soft edge in pixels, 0 (hard) to {@link #MAX_FEATHER} (default 1)
 * @param mainSubjectOnly keep only the main subject, dropping parts far smaller than it and apart
 *     from it (default true)
 */
@JsonTypeName("remove_background")
public record RemoveBackgroundStep(
    BackgroundMethod method, Integer tolerance, Double feather, Boolean mainSubjectOnly)
    implements Step {

  public static final int DEFAULT_TOLERANCE = 32;
  public static final double DEFAULT_FEATHER = 1;
  public static final double MAX_FEATHER = 50;

  public RemoveBackgroundStep {
    method = method == null ? BackgroundMethod.AUTO : method;
    tolerance = tolerance == null ? DEFAULT_TOLERANCE : tolerance;
    feather = feather == null ? DEFAULT_FEATHER : feather;
    mainSubjectOnly = mainSubjectOnly == null || mainSubjectOnly;
  }

  /** The default method with this colour tolerance and soft edge. */
  public RemoveBackgroundStep(Integer tolerance, Double feather) {
    this(null, tolerance, feather, null);
  }

  public static RemoveBackgroundStep withDefaults() {
    return new RemoveBackgroundStep(null, null, null, null);
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
