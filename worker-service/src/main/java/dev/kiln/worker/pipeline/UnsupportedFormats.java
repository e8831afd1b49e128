package dev.kiln.worker.pipeline;

import dev.kiln.model.jobs.JobErrorCode;

/** The decoder's failure for bytes it does not read: a named unsupported format, or no image. */
final class UnsupportedFormats {

  private UnsupportedFormats() {}

  /** The failure for bytes that are no image Kiln reads. */
  static PipelineException rejection(byte[] bytes) {
    return dev.kiln.model.image.UnsupportedFormats.of(bytes)
        .map(
            name ->
                new PipelineException(
                    JobErrorCode.UNSUPPORTED_FORMAT, name + " inputs are not supported"))
        .orElseGet(
            () ->
                new PipelineException(
                    JobErrorCode.INVALID_IMAGE,
                    "the input is not a JPEG, PNG, WebP, GIF, BMP or TIFF image"));
  }
}
