package dev.kiln.client.webhooks;

import java.util.List;

/**
 * The body that creates an endpoint ({@code url} required) or changes one (only the members given
 * change). Members left null are not sent.
 *
 * @param events the event types sent (default: a job's outcomes)
 * @param includeResult whether results of at most 64 KB travel inline
 */
public record WebhookEndpointRequest(
    String url, String description, List<String> events, Boolean enabled, Boolean includeResult) {

  /** An endpoint at this URL with the default events. */
  public static WebhookEndpointRequest of(String url) {
    return new WebhookEndpointRequest(url, null, null, null, null);
  }

  /** A change of nothing yet: add members with the {@code with...} methods. */
  public static WebhookEndpointRequest change() {
    return new WebhookEndpointRequest(null, null, null, null, null);
  }

  public WebhookEndpointRequest withUrl(String url) {
    return new WebhookEndpointRequest(url, description, events, enabled, includeResult);
  }

  public WebhookEndpointRequest withDescription(String description) {
    return new WebhookEndpointRequest(url, description, events, enabled, includeResult);
  }

  public WebhookEndpointRequest withEvents(List<String> events) {
    return new WebhookEndpointRequest(
        url, description, List.copyOf(events), enabled, includeResult);
  }

  public WebhookEndpointRequest withEnabled(boolean enabled) {
    return new WebhookEndpointRequest(url, description, events, enabled, includeResult);
  }

  public WebhookEndpointRequest withIncludeResult(boolean includeResult) {
    return new WebhookEndpointRequest(url, description, events, enabled, includeResult);
  }
}
