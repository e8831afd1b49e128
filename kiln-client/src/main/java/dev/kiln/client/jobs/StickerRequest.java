package dev.kiln.client.jobs;

/**
 * The body of {@code POST /v1/stickers}: an input and, optionally, changes to the sticker recipe.
 * Members left null take Kiln's defaults (512 px, an 8 px white outline, at most 100 KB).
 *
 * @param size the sticker's side in pixels
 * @param outlineWidth the outline's width in pixels, 0 for none
 * @param outlineColor the outline's colour, such as {@code white} or {@code #ff8800}
 * @param tolerance how far from the background colour a pixel may be and still be cut out
 * @param feather the softness of the cut-out's edge
 * @param maxBytes the largest WebP allowed
 */
public record StickerRequest(
    Input input,
    Integer size,
    Integer outlineWidth,
    String outlineColor,
    Integer tolerance,
    Double feather,
    Long maxBytes,
    Object metadata,
    String priority,
    Integer deadlineSeconds) {

  /** A sticker of this input with Kiln's recipe. */
  public static StickerRequest of(Input input) {
    return new StickerRequest(input, null, null, null, null, null, null, null, null, null);
  }

  /** A sticker of an uploaded image with Kiln's recipe. */
  public static StickerRequest of(String mediaId) {
    return of(Input.media(mediaId));
  }

  public StickerRequest withSize(int size) {
    return new StickerRequest(
        input,
        size,
        outlineWidth,
        outlineColor,
        tolerance,
        feather,
        maxBytes,
        metadata,
        priority,
        deadlineSeconds);
  }

  /** An outline of this width and colour (width 0: none). */
  public StickerRequest withOutline(int width, String color) {
    return new StickerRequest(
        input,
        size,
        width,
        color,
        tolerance,
        feather,
        maxBytes,
        metadata,
        priority,
        deadlineSeconds);
  }

  public StickerRequest withMaxBytes(long maxBytes) {
    return new StickerRequest(
        input,
        size,
        outlineWidth,
        outlineColor,
        tolerance,
        feather,
        maxBytes,
        metadata,
        priority,
        deadlineSeconds);
  }

  public StickerRequest withMetadata(Object metadata) {
    return new StickerRequest(
        input,
        size,
        outlineWidth,
        outlineColor,
        tolerance,
        feather,
        maxBytes,
        metadata,
        priority,
        deadlineSeconds);
  }

  public StickerRequest withPriority(String priority) {
    return new StickerRequest(
        input,
        size,
        outlineWidth,
        outlineColor,
        tolerance,
        feather,
        maxBytes,
        metadata,
        priority,
        deadlineSeconds);
  }
}
