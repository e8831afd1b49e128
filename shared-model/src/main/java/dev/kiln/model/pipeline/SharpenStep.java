package dev.kiln.model.pipeline;

import com.fasterxml.jackson.annotation.JsonTypeName;
import dev.kiln.model.validation.Violations;

/**
 * Unsharp mask: {@code pixel + amount × (pixel − gaussian(pixel, sigma))}.
 *
 * @param sigma the radius of the detail enhanced, in pixels, 0.1 to 10 (default 1)
 * @param amount the strength, 0 to 10 (default 1; 0 changes nothing)
 */
@JsonTypeName("sharpen")
public record SharpenStep(Double sigma, Double amount) implements Step {

  public static final double DEFAULT_SIGMA = 1.0;
  public static final double DEFAULT_AMOUNT = 1.0;
  public static final double MAX_SIGMA = 10;
  public static final double MAX_AMOUNT = 10;

  public SharpenStep {
    sigma = sigma == null ? DEFAULT_SIGMA : sigma;
    amount = amount == null ? DEFAULT_AMOUNT : amount;
  }

  @Override
  public String describe() {
    return "Sharpening";
  }

  @Override
  public void validate(Violations violations) {
    violations.between(sigma, 0.1, MAX_SIGMA, "sigma");
    violations.between(amount, 0, MAX_AMOUNT, "amount");
  }
}
