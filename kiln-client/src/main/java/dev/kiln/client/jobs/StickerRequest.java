package dev.kiln.client.jobs;

import java.util.function.Consumer;

/**
 * The body of {@code POST /v1/stickers}: an input and, optionally, changes to the sticker recipe.
 * Members left null take Kiln's defaults (512 px, an 8 px white outline, the cut-out method {@code
 * auto}, at most 100 KB).
 *
 * @param size the sticker's side in pixels
 * @param outlineWidth the outline's width in pixels, 0 for none
 * @param outlineColor the outline's colour, such as {@code white} or {@code #ff8800}
 * @param method how the subject is found: {@code auto} (the segmentation model when the worker has
 *     it), {@code model} or {@code color} (a plain studio backdrop)
 * @param tolerance how far from the background colour a pixel may be and still be cut out (method
 *     {@code color})
 * @param feather the softness of the cut-out's edge
 * @param maxBytes the largest WebP allowed
 */
public record StickerRequest(
    Input input,
    Integer size,
    Integer outlineWidth,
    String outlineColor,
    String method,
    Integer tolerance,
    Double feather,
    Long maxBytes,
    Object metadata,
    String priority,
    Integer deadlineSeconds) {

  /** A sticker of this input with Kiln's recipe. */
  public static StickerRequest of(Input input) {
    return new StickerRequest(input, null, null, null, null, null, null, null, null, null, null);
  }

  /** A sticker of an uploaded image with Kiln's recipe. */
  public static StickerRequest of(String mediaId) {
    return of(Input.media(mediaId));
  }

  public StickerRequest withSize(int size) {
    return with(draft -> draft.size = size);
  }

  /** An outline of this width and colour (width 0: none). */
  public StickerRequest withOutline(int width, String color) {
    return with(
        draft -> {
          draft.outlineWidth = width;
          draft.outlineColor = color;
        });
  }

  /** The cut-out method: {@code auto}, {@code model} or {@code color}. */
  public StickerRequest withMethod(String method) {
    return with(draft -> draft.method = method);
  }

  /** The colour method's tolerance and the edge's softness (either may be null: the default). */
  public StickerRequest withCutout(Integer tolerance, Double feather) {
    return with(
        draft -> {
          draft.tolerance = tolerance;
          draft.feather = feather;
        });
  }

  public StickerRequest withMaxBytes(long maxBytes) {
    return with(draft -> draft.maxBytes = maxBytes);
  }

  public StickerRequest withMetadata(Object metadata) {
    return with(draft -> draft.metadata = metadata);
  }

  public StickerRequest withPriority(String priority) {
    return with(draft -> draft.priority = priority);
  }

  public StickerRequest withDeadlineSeconds(int deadlineSeconds) {
    return with(draft -> draft.deadlineSeconds = deadlineSeconds);
  }

  private StickerRequest with(Consumer<Draft> change) {
    Draft draft = new Draft(this);
    change.accept(draft);
    return draft.request();
  }

  /** A copy being changed, so that each {@code with} names only what it changes. */
  private static final class Draft {
    private final Input input;
    private Integer size;
    private Integer outlineWidth;
    private String outlineColor;
    private String method;
    private Integer tolerance;
    private Double feather;
    private Long maxBytes;
    private Object metadata;
    private String priority;
    private Integer deadlineSeconds;

    Draft(StickerRequest from) {
      input = from.input;
      size = from.size;
      outlineWidth = from.outlineWidth;
      outlineColor = from.outlineColor;
      method = from.method;
      tolerance = from.tolerance;
      feather = from.feather;
      maxBytes = from.maxBytes;
      metadata = from.metadata;
      priority = from.priority;
      deadlineSeconds = from.deadlineSeconds;
    }

    StickerRequest request() {
      return new StickerRequest(
          input,
          size,
          outlineWidth,
          outlineColor,
          method,
          tolerance,
          feather,
          maxBytes,
          metadata,
          priority,
          deadlineSeconds);
    }
  }
}
