package dev.kiln.model.pipeline;

import com.fasterxml.jackson.annotation.JsonProperty;

/** Which way {@link FlipStep} mirrors the image. */
public enum FlipDirection {
  /** Left and right swap (a mirror image). */
  @JsonProperty("horizontal")
  HORIZONTAL,
  /** Top and bottom swap (upside down, mirrored). */
  @JsonProperty("vertical")
  VERTICAL,
  /** Both at once: the same pixels as a 180° rotation. */
  @JsonProperty("both")
  BOTH
}
