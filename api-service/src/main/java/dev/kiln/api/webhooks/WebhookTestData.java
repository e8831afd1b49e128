package dev.kiln.api.webhooks;

/**
 * The {@code data} of a {@code webhook.test} event, sent by {@code POST
 * /v1/webhook-endpoints/{id}/test}.
 */
public record WebhookTestData(String object, String endpointId, String message) {

  static WebhookTestData of(String endpointId) {
    return new WebhookTestData(
        "webhook_test", endpointId, "A test event: the endpoint is reachable and verifies it.");
  }
}
