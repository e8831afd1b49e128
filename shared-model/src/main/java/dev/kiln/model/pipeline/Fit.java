package dev.kiln.model.pipeline;

import com.fasterxml.jackson.annotation.JsonProperty;

/** How {@link ResizeStep} maps the image onto the requested box. */
public enum Fit {
  /** Scale to fit inside the box, keeping the aspect ratio; the output may be smaller. */
  @JsonProperty("contain")
  CONTAIN,
  /** Scale to cover the box, keeping the aspect ratio, and crop the overflow (centred). */
  @JsonProperty("cover")
  COVER,
  /** Stretch to exactly the box, ignoring the aspect ratio. */
  @JsonProperty("fill")
  FILL,
  /** Like contain, but never enlarges, whatever {@code upscale} says. */
  @JsonProperty("inside")
  INSIDE
}
