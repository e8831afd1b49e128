package dev.kiln.client.media;

import java.time.Instant;

/**
 * An image stored by Kiln: an upload, or a job's result.
 *
 * @param url a pre-signed download URL, valid until {@code urlExpiresAt}
 * @param sourceJobId the job that made it, null for an upload
 */
public record Media(
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
