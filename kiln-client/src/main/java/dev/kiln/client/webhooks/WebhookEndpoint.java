package dev.kiln.client.webhooks;

import java.time.Instant;
import java.util.List;

/**
 * A webhook endpoint of the account.
 *
 * @param events the event types sent to it
 * @param disabledReason why Kiln disabled it, null while enabled
 * @param includeResult whether results of at most 64 KB travel inline as {@code result_base64}
 * @param secret the {@code whsec_} signing secret: only in the answers that create it (creation, a
 *     rotation), null otherwise
 */
public record WebhookEndpoint(
    String id,
    String object,
    String url,
    String description,
    List<String> events,
    boolean enabled,
    String disabledReason,
    boolean includeResult,
    Instant createdAt,
    Instant updatedAt,
    String secret) {}
