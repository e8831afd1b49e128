package dev.kiln.model.image;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Names the image formats Kiln recognises but does not read, so that a client learns "AVIF is not
 * supported" ({@code unsupported_format}) rather than "this is not an image" ({@code
 * invalid_image}). Shared by the upload check of the API and the decoder of the worker.
 */
public final class UnsupportedFormats {

  private record Signature(String name, int offset, byte[] magic) {

    Signature(String name, int offset, String magic) {
      this(name, offset, magic.getBytes(StandardCharsets.ISO_8859_1));
    }

    boolean matches(byte[] bytes) {
      return bytes.length >= offset + magic.length
          && Arrays.equals(bytes, offset, offset + magic.length, magic, 0, magic.length);
    }
  }

  /** ISO base media files: the major brand after {@code ftyp} tells which kind. */
  private static final List<Signature> BRANDS =
      Map.of(
              "AVIF", List.of("avif", "avis"),
              "HEIC", List.of("heic", "heix", "heim", "heis", "hevc", "hevx"),
              "HEIF", List.of("mif1", "msf1"))
          .entrySet()
          .stream()
          .flatMap(
              format ->
                  format.getValue().stream().map(brand -> new Signature(format.getKey(), 8, brand)))
          .toList();

  private static final List<Signature> SIGNATURES =
      List.of(
          new Signature("JPEG XL", 0, "\u00ff\n"),
          new Signature("JPEG XL", 4, "JXL "),
          new Signature("JPEG 2000", 4, "jP  "),
          new Signature("JPEG 2000", 0, "\u00ff\u004f\u00ff\u0051"),
          new Signature("Photoshop (PSD)", 0, "8BPS"),
          new Signature("ICO", 0, "\0\0\1\0"),
          new Signature("PDF", 0, "%PDF"),
          new Signature("SVG", 0, "<svg"),
          new Signature("SVG", 0, "<?xml"));

  private static final Signature ISO_MEDIA = new Signature("ISO media", 4, "ftyp");

  private UnsupportedFormats() {}

  /** The name of the unsupported format the bytes are in, if they start like one. */
  public static Optional<String> of(byte[] bytes) {
    if (ISO_MEDIA.matches(bytes)) {
      return Optional.of(
          first(BRANDS, bytes).orElse("AVIF and HEIF")); // another brand: MP4 video, say
    }
    return first(SIGNATURES, bytes);
  }

  private static Optional<String> first(List<Signature> signatures, byte[] bytes) {
    return signatures.stream().filter(s -> s.matches(bytes)).map(Signature::name).findFirst();
  }
}
