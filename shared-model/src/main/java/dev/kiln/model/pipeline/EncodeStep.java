package dev.kiln.model.pipeline;

import com.fasterxml.jackson.annotation.JsonTypeName;
import dev.kiln.model.validation.Violations;

/**
 * Encodes the image; always the last step of a pipeline.
 *
 * @param quality 1-100 for jpeg and lossy webp (default 80)
 * @param lossless webp only: lossless compression
 * @param maxBytes when set, the quality is stepped down until the output fits, else the job fails
 *     with {@code output_too_large}
 */
@JsonTypeName("encode")
public record EncodeStep(OutputFormat format, Integer quality, Boolean lossless, Long maxBytes)
    implements Step {

  public static final int DEFAULT_QUALITY = 80;

  public EncodeStep {
    lossless = lossless != null && lossless;
  }

  public static EncodeStep of(OutputFormat format) {
    return new EncodeStep(format, null, false, null);
  }

  /** The quality to encode with: the requested one or {@link #DEFAULT_QUALITY}. */
  public int effectiveQuality() {
    return quality == null ? DEFAULT_QUALITY : quality;
  }

  @Override
  public String describe() {
    return "Encoding";
  }

  @Override
  public void validate(Violations violations) {
    violations.require(format != null, "format", "format is required: png, webp or jpeg");
    violations.range(quality, 1, 100, "quality");
    violations.range(maxBytes, 1, Limits.MAX_OUTPUT_BYTES, "max_bytes");
    if (format != null && quality != null && !format.hasQuality()) {
      violations.add("quality", "quality applies to jpeg and webp only");
    }
    if (format != null && lossless && format != OutputFormat.WEBP) {
      violations.add("lossless", "lossless applies to webp only");
    }
  }
}
