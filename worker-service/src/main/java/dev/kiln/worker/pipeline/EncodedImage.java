package dev.kiln.worker.pipeline;

/**
 * The output of a pipeline: the encoded file and what it holds.
 *
 * @param bytes the file content
 * @param mimeType e.g. {@code image/webp}
 * @param quality the quality it was encoded with (after any {@code max_bytes} step-down), or 0 for
 *     lossless output
 */
public record EncodedImage(byte[] bytes, String mimeType, int width, int height, int quality) {

  public long sizeBytes() {
    return bytes.length;
  }
}
