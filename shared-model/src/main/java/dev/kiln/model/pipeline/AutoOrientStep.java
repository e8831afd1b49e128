package dev.kiln.model.pipeline;

import com.fasterxml.jackson.annotation.JsonTypeName;
import dev.kiln.model.validation.Violations;

/** Rotates and flips the image upright as its EXIF orientation says, then drops the tag. */
@JsonTypeName("auto_orient")
public record AutoOrientStep() implements Step {

  @Override
  public String describe() {
    return "Orienting";
  }

  @Override
  public void validate(Violations violations) {}
}
