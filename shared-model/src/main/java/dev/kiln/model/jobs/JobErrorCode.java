package dev.kiln.model.jobs;

/** Stable error codes of failed jobs; clients switch on {@link #code()}. */
public enum JobErrorCode {
  /** The input bytes do not decode as an image. */
  INVALID_IMAGE("invalid_image", false),
  /** The input is an image in a format Kiln does not read. */
  UNSUPPORTED_FORMAT("unsupported_format", false),
  /**
   * The input exceeds the byte or pixel limit (decompression bombs included), or a step would grow
   * the image past the pixel limit.
   */
  IMAGE_TOO_LARGE("image_too_large", false),
  /** The encoded output cannot fit the requested {@code max_bytes}. */
  OUTPUT_TOO_LARGE("output_too_large", false),
  /** Background removal left nothing of the subject. */
  NO_SUBJECT_FOUND("no_subject_found", false),
  /**
   * {@code remove_background} asked for {@code method: model} and the worker that took the job has
   * no segmentation model installed; another worker may have one.
   */
  CUTOUT_UNAVAILABLE("cutout_unavailable", true),
  /** A {@code crop} rectangle that does not overlap the image at all. */
  CROP_OUTSIDE_IMAGE("crop_outside_image", false),
  /** {@code trim} found only border: the image is one colour (within the threshold). */
  UNIFORM_IMAGE("uniform_image", false),
  /** The input media object is gone. */
  INPUT_NOT_FOUND("input_not_found", false),
  /**
   * The input URL (or a redirect from it) points at an address Kiln does not fetch from: loopback,
   * private, link-local, cloud metadata and similar (see docs/security.md), or a scheme other than
   * http(s).
   */
  INPUT_FETCH_REFUSED("input_fetch_refused", false),
  /**
   * The input URL could not be fetched: network error, timeout, a non-2xx answer or too many
   * redirects. Retryable for timeouts, network errors and 5xx; the job's error says which.
   */
  INPUT_FETCH_FAILED("input_fetch_failed", true),
  /** The body at the input URL is larger than the worker's input limit. */
  INPUT_TOO_LARGE("input_too_large", false),
  /** The pipeline is not valid (should have been rejected at submit). */
  INVALID_PIPELINE("invalid_pipeline", false),
  /** The job ran past its deadline or the per-job timeout. */
  TIMEOUT("timeout", true),
  /** The job stalled and exhausted its attempts. */
  STALLED("stalled", true),
  /**
   * The object storage did not answer, or kept failing, beyond the worker's retries: Kiln's side,
   * not the input's; submitting the job again may work.
   */
  STORAGE_UNAVAILABLE("storage_unavailable", true),
  /** An unexpected failure inside Kiln. */
  INTERNAL_ERROR("internal_error", true);

  private final String code;
  private final boolean retryable;

  JobErrorCode(String code, boolean retryable) {
    this.code = code;
    this.retryable = retryable;
  }

  public String code() {
    return code;
  }

  public boolean retryable() {
    return retryable;
  }
}
