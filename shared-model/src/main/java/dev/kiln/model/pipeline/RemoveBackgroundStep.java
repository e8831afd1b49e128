package dev.kiln.model.pipeline;

import com.fasterxml.jackson.annotation.JsonTypeName;
import dev.kiln.model.validation.Violations;

/**
 * Cuts the subject out of its background and makes the background transparent.
 *
 * @param tolerance colour distance from the background, 0 to 255 (null: the worker's default)
 * @param feather width of the soft edge in pixels, 0 to 50 (null: the worker's default)
 */
@JsonTypeName("remove_background")
public record RemoveBackgroundStep(Double tolerance, Double feather) implements Step {

  @Override
  public String describe() {
    return "Removing background";
  }

  @Override
  public void validate(Violations violations) {
    violations.require(
        tolerance == null || (tolerance >= 0 && tolerance <= 255),
        "tolerance",
        "must be between 0 and 255");
    violations.require(
        feather == null || (feather >= 0 && feather <= 50), "feather", "must be between 0 and 50");
  }
}
