package dev.kiln.api.tenants;

/**
 * An active API key as authentication sees it: whose it is and the tenant's own rate limit (null:
 * the configured default; 0: unlimited).
 */
public record AuthenticatedKey(
    String keyId, String keyHash, String tenantId, Integer ratePerSecond, Integer rateBurst) {}
