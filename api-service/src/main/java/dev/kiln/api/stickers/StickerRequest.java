package dev.kiln.api.stickers;

import com.fasterxml.jackson.databind.JsonNode;
import dev.kiln.model.jobs.JobInput;
import dev.kiln.model.pipeline.BackgroundMethod;
import dev.kiln.model.presets.StickerOptions;
import java.util.List;

/**
 * The body of {@code POST /v1/stickers}: an input and, optionally, changes to the sticker recipe
 * ({@link StickerOptions}) and the usual job fields.
 */
public record StickerRequest(
    JobInput input,
    Integer size,
    Integer outlineWidth,
    String outlineColor,
    BackgroundMethod method,
    Integer tolerance,
    Double feather,
    Long maxBytes,
    JsonNode metadata,
    String priority,
    Integer deadlineSeconds,
    String webhookUrl,
    List<String> webhookEvents) {

  StickerOptions options() {
    return new StickerOptions(
        size, outlineWidth, outlineColor, method, tolerance, feather, maxBytes);
  }
}
