package dev.kiln.model.pipeline;

import com.fasterxml.jackson.annotation.JsonTypeName;
import dev.kiln.model.validation.Violations;

/**
 * Gaussian blur.
 *
 * @param sigma the standard deviation in pixels, 0.1 to {@link Limits#MAX_SIGMA}; the blur reaches
 *     about 3 sigma
 */
@JsonTypeName("blur")
public record BlurStep(Double sigma) implements Step {

  @Override
  public String describe() {
    return "Blurring";
  }

  @Override
  public void validate(Violations violations) {
    violations.require(sigma != null, "sigma", "sigma is required (pixels)");
    violations.between(sigma, 0.1, Limits.MAX_SIGMA, "sigma");
  }
}
