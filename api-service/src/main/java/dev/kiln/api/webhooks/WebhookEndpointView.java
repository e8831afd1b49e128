package dev.kiln.api.webhooks;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.List;

/**
 * The webhook endpoint object. {@code secret} is present only in the answers that create it (the
 * endpoint's creation and a rotation): it is never shown again.
 */
public record WebhookEndpointView(
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
    @JsonInclude(JsonInclude.Include.NON_NULL) String secret) {

  static WebhookEndpointView of(WebhookEndpoint endpoint, String secret) {
    return new WebhookEndpointView(
        endpoint.id(),
        "webhook_endpoint",
        endpoint.url(),
        endpoint.description(),
        endpoint.events(),
        endpoint.enabled(),
        endpoint.disabledReason(),
        endpoint.includeResult(),
        endpoint.createdAt(),
        endpoint.updatedAt(),
        secret);
  }

  static WebhookEndpointView of(WebhookEndpoint endpoint) {
    return of(endpoint, null);
  }
}
