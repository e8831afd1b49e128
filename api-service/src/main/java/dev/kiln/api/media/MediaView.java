package dev.kiln.api.media;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;

/** The media object of the HTTP API. */
@JsonInclude(JsonInclude.Include.ALWAYS)
public record MediaView(
    String id,
    String object,
    String mimeType,
    long sizeBytes,
    int width,
    int height,
    String url,
    Instant urlExpiresAt,
    Instant createdAt,
    String sourceJobId) {}
