package dev.kiln.model.pipeline;

import com.fasterxml.jackson.annotation.JsonProperty;

/** Formats Kiln writes. */
public enum OutputFormat {
  @JsonProperty("png")
  PNG("image/png", "png"),
  @JsonProperty("webp")
  WEBP("image/webp", "webp"),
  @JsonProperty("jpeg")
  JPEG("image/jpeg", "jpg");

  private final String mimeType;
  private final String extension;

  OutputFormat(String mimeType, String extension) {
    this.mimeType = mimeType;
    this.extension = extension;
  }

  public String mimeType() {
    return mimeType;
  }

  /** The file extension, with no dot. */
  public String extension() {
    return extension;
  }

  /** Whether {@code quality} applies (lossy encoders). */
  public boolean hasQuality() {
    return this != PNG;
  }
}
