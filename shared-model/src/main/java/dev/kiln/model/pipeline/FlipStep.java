package dev.kiln.model.pipeline;

import com.fasterxml.jackson.annotation.JsonTypeName;
import dev.kiln.model.validation.Violations;

/** Mirrors the image; exact (no resampling). */
@JsonTypeName("flip")
public record FlipStep(FlipDirection direction) implements Step {

  @Override
  public String describe() {
    return "Flipping";
  }

  @Override
  public void validate(Violations violations) {
    violations.require(
        direction != null, "direction", "direction is required: horizontal, vertical or both");
  }
}
