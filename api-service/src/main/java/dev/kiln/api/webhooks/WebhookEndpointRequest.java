package dev.kiln.api.webhooks;

import java.util.List;

/**
 * The body of {@code POST /v1/webhook-endpoints} (every field but {@code url} optional) and of
 * {@code PATCH /v1/webhook-endpoints/{id}} (only the fields given change).
 *
 * @param events the event types sent (default: a job's outcomes)
 * @param includeResult whether results of at most 64 KB travel inline as {@code result_base64}
 */
public record WebhookEndpointRequest(
    String url, String description, List<String> events, Boolean enabled, Boolean includeResult) {}
