package dev.kiln.api.tenants;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;

/**
 * The API key object. {@code key}, the secret itself, is present only in the answer that creates
 * it: Kiln keeps only its hash. {@code prefix} identifies the key in listings.
 */
public record ApiKeyView(
    String id,
    String object,
    String tenantId,
    String name,
    String prefix,
    Instant createdAt,
    Instant lastUsedAt,
    Instant revokedAt,
    @JsonInclude(JsonInclude.Include.NON_NULL) String key) {}
