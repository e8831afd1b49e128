package dev.kiln.api.tenants;

/**
 * The body of {@code PATCH /v1/admin/tenants/{id}/limits}: only the fields given change.
 *
 * @param rateLimitPerSecond requests per second of each of the tenant's keys (0: unlimited)
 * @param rateLimitBurst requests a key may make at once (at least 1)
 * @param maxQueuedJobs queued jobs beyond which submits answer 429 queue_limit_reached
 */
public record TenantLimitsRequest(
    Integer rateLimitPerSecond, Integer rateLimitBurst, Integer maxQueuedJobs) {}
