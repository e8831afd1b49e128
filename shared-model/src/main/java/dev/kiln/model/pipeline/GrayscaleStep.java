package dev.kiln.model.pipeline;

import com.fasterxml.jackson.annotation.JsonTypeName;
import dev.kiln.model.validation.Violations;

/** Replaces colour by its luma (Rec. 601 weights); alpha is kept. */
@JsonTypeName("grayscale")
public record GrayscaleStep() implements Step {

  @Override
  public String describe() {
    return "Converting to grayscale";
  }

  @Override
  public void validate(Violations violations) {}
}
