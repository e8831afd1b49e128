package dev.kiln.model.pipeline;

import com.fasterxml.jackson.annotation.JsonTypeName;
import dev.kiln.model.validation.Violations;

/**
 * Removes a uniform border. The top-left pixel decides what the border is: when it is transparent
 * (alpha at most {@code threshold}), every such transparent pixel; otherwise every pixel whose
 * channels all lie within {@code threshold} of that corner's. The result is the smallest rectangle
 * holding every other pixel. An image that is border only fails the job with {@code uniform_image}.
 *
 * @param threshold 0 (exact match) to 255 (default 10)
 */
@JsonTypeName("trim")
public record TrimStep(Integer threshold) implements Step {

  public static final int DEFAULT_THRESHOLD = 10;

  public TrimStep {
    threshold = threshold == null ? DEFAULT_THRESHOLD : threshold;
  }

  public static TrimStep withDefaults() {
    return new TrimStep(null);
  }

  @Override
  public String describe() {
    return "Trimming";
  }

  @Override
  public void validate(Violations violations) {
    violations.range(threshold, 0, 255, "threshold");
  }
}
