package dev.kiln.client.webhooks;

import dev.kiln.webhooks.WebhookSecret;
import dev.kiln.webhooks.WebhookVerificationException;
import dev.kiln.webhooks.WebhookVerifier;
import java.util.Map;

/**
 * Verifies the webhooks Kiln sends (Standard Webhooks: {@code webhook-id}, {@code
 * webhook-timestamp}, {@code webhook-signature}) and reads their body. Thread-safe.
 *
 * <pre>{@code
 * WebhookEvents webhooks = WebhookEvents.forSecret(System.getenv("KILN_WEBHOOK_SECRET"));
 * WebhookEvent event = webhooks.verify(request.headers(), request.bodyBytes()); // or throws
 * }</pre>
 */
public final class WebhookEvents {

  private final WebhookVerifier verifier;

  private WebhookEvents(WebhookVerifier verifier) {
    this.verifier = verifier;
  }

  /**
   * Verifies with these {@code whsec_} secrets: the endpoint's, and during a rotation the previous
   * one too. The timestamp may be 5 minutes from the clock at most.
   */
  public static WebhookEvents forSecret(String secret, String... previous) {
    WebhookSecret[] more = new WebhookSecret[previous.length];
    for (int i = 0; i < previous.length; i++) {
      more[i] = WebhookSecret.parse(previous[i]);
    }
    return new WebhookEvents(WebhookVerifier.of(WebhookSecret.parse(secret), more));
  }

  /** With a verifier of one's own (another tolerance or clock). */
  public static WebhookEvents with(WebhookVerifier verifier) {
    return new WebhookEvents(verifier);
  }

  /**
   * Verifies a received webhook and reads it.
   *
   * @param headers the request's headers (names in any case; values strings or lists of them)
   * @param body the body's bytes exactly as received
   * @throws WebhookVerificationException when it must be rejected (answer 400 or 401)
   */
  public WebhookEvent verify(Map<String, ?> headers, byte[] body) {
    String id = verifier.verify(headers, body);
    return WebhookEvent.parse(id, body);
  }
}
