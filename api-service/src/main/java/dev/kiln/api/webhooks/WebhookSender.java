package dev.kiln.api.webhooks;

import dev.kiln.api.config.WebhooksConfig;
import dev.kiln.outbound.OutboundException;
import dev.kiln.outbound.OutboundPoster;
import dev.kiln.outbound.PostOutcome;
import dev.kiln.webhooks.WebhookSecret;
import dev.kiln.webhooks.WebhookSigner;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Makes one attempt of a claimed delivery: renders the body, signs it (Standard Webhooks: {@code
 * webhook-id} = the event id, the same on every attempt; {@code webhook-timestamp} = now; one
 * {@code v1} signature per valid secret, the rotated-out one too until its overlap ends) and POSTs
 * it through the guarded client. Never fails: every problem becomes the attempt's outcome.
 */
@ApplicationScoped
public class WebhookSender {

  private final WebhookPayloads payloads;
  private final SecretCipher cipher;
  private final OutboundPoster poster;
  private final RetryPolicy retries;
  private final Duration timeout;

  public WebhookSender(
      WebhookPayloads payloads,
      SecretCipher cipher,
      OutboundPoster poster,
      RetryPolicy retries,
      WebhooksConfig config) {
    this.payloads = payloads;
    this.cipher = cipher;
    this.poster = poster;
    this.retries = retries;
    this.timeout = config.timeout();
  }

  Uni<AttemptOutcome> attempt(ClaimedDelivery delivery) {
    Instant start = Instant.now();
    if (!delivery.enabled()) {
      return Uni.createFrom().item(retries.refused(delivery, start, "endpoint disabled"));
    }
    if (delivery.secret() == null) {
      return Uni.createFrom()
          .item(retries.refused(delivery, start, "the account has no webhook secret"));
    }
    return payloads
        .render(delivery)
        .chain(body -> post(delivery, body, start))
        .onFailure()
        .recoverWithItem(failure -> decide(delivery, start, null, null, null, message(failure)));
  }

  private Uni<AttemptOutcome> post(ClaimedDelivery delivery, byte[] body, Instant start) {
    long timestamp = Instant.now().getEpochSecond();
    String id = delivery.event().id();
    Map<String, String> headers =
        Map.of(
            WebhookSigner.ID_HEADER, id,
            WebhookSigner.TIMESTAMP_HEADER, Long.toString(timestamp),
            WebhookSigner.SIGNATURE_HEADER,
                WebhookSigner.signatureHeader(id, timestamp, body, secrets(delivery, start)));
    return Uni.createFrom()
        .completionStage(
            () ->
                poster.post(URI.create(delivery.url()), headers, body, timeout).toCompletionStage())
        .map(
            (PostOutcome response) ->
                decide(
                    delivery,
                    start,
                    response.statusCode(),
                    response.retryAfter(),
                    response.excerpt(),
                    response.statusCode() >= 300 && response.statusCode() <= 399
                        ? "redirect to " + response.location() + " not followed"
                        : null));
  }

  private AttemptOutcome decide(
      ClaimedDelivery delivery,
      Instant start,
      Integer status,
      String retryAfter,
      String excerpt,
      String error) {
    return retries.decide(
        delivery,
        start,
        Duration.between(start, Instant.now()),
        status,
        retryAfter,
        excerpt,
        error);
  }

  private List<WebhookSecret> secrets(ClaimedDelivery delivery, Instant now) {
    List<WebhookSecret> secrets = new ArrayList<>(2);
    secrets.add(cipher.decrypt(delivery.secret(), delivery.secretOwner()));
    if (delivery.previousSecret() != null
        && delivery.previousSecretExpiresAt() != null
        && delivery.previousSecretExpiresAt().isAfter(now)) {
      secrets.add(cipher.decrypt(delivery.previousSecret(), delivery.secretOwner()));
    }
    return secrets;
  }

  private static String message(Throwable failure) {
    Throwable cause =
        failure.getCause() != null && !(failure instanceof OutboundException)
            ? failure.getCause()
            : failure;
    String text =
        cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage();
    return text.length() > 500 ? text.substring(0, 500) : text;
  }
}
