package dev.kiln.worker.pipeline;

import dev.kiln.model.jobs.JobErrorCode;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

/**
 * Names the image formats Kiln recognises but does not read, so that a client learns "AVIF is not
 * supported" ({@code unsupported_format}) rather than "this is not an image" ({@code
 * invalid_image}).
 */
final class UnsupportedFormats {

  private record Signature(String name, int offset, byte[] magic) {

    Signature(String name, int offset, String magic) {
      this(name, offset, magic.getBytes(StandardCharsets.ISO_8859_1));
    }

    boolean matches(byte[] bytes) {
      return bytes.length >= offset + magic.length
          && Arrays.equals(bytes, offset, offset + magic.length, magic, 0, magic.length);
    }
  }

  private static final List<Signature> SIGNATURES =
      List.of(
          new Signature("AVIF and HEIF", 4, "ftyp"),
          new Signature("JPEG XL", 0, "\u00ff\n"),
          new Signature("JPEG XL", 4, "JXL "),
          new Signature("JPEG 2000", 4, "jP  "),
          new Signature("JPEG 2000", 0, "\u00ff\u004f\u00ff\u0051"),
          new Signature("Photoshop (PSD)", 0, "8BPS"),
          new Signature("ICO", 0, "\0\0\1\0"),
          new Signature("PDF", 0, "%PDF"),
          new Signature("SVG", 0, "<svg"),
          new Signature("SVG", 0, "<?xml"));

  private UnsupportedFormats() {}

  /** The failure for bytes that are no image Kiln reads. */
  static PipelineException rejection(byte[] bytes) {
    for (Signature signature : SIGNATURES) {
      if (signature.matches(bytes)) {
        return new PipelineException(
            JobErrorCode.UNSUPPORTED_FORMAT, signature.name() + " inputs are not supported");
      }
    }
    return new PipelineException(
        JobErrorCode.INVALID_IMAGE, "the input is not a JPEG, PNG, WebP, GIF, BMP or TIFF image");
  }
}
