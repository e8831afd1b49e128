package dev.kiln.model.pipeline;

import com.fasterxml.jackson.annotation.JsonProperty;

/** How {@link RemoveBackgroundStep} tells the subject from the background. */
public enum BackgroundMethod {
  /** The segmentation model when the worker has one, the colour method otherwise. */
  @JsonProperty("auto")
  AUTO,
  /** The segmentation model; a worker without one fails the job ({@code cutout_unavailable}). */
  @JsonProperty("model")
  MODEL,
  /** The background is what joins the image border within {@code tolerance} of its colour. */
  @JsonProperty("color")
  COLOR
}
