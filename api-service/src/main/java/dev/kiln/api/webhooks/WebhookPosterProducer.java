package dev.kiln.api.webhooks;

import dev.kiln.api.config.WebhooksConfig;
import dev.kiln.outbound.OutboundPoster;
import dev.kiln.outbound.PostSettings;
import io.vertx.core.Vertx;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.time.Duration;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The guarded HTTP client webhooks are sent with: the SSRF policy checks every address it connects
 * to, redirects are returned, not followed, and one timer bounds each attempt.
 */
@Singleton
public class WebhookPosterProducer {

  @Produces
  @Singleton
  OutboundPoster poster(
      Vertx vertx,
      WebhookTargetValidator targets,
      WebhooksConfig config,
      @ConfigProperty(name = "quarkus.application.version", defaultValue = "dev") String version) {
    Duration connect =
        config.timeout().compareTo(Duration.ofSeconds(5)) < 0
            ? config.timeout()
            : Duration.ofSeconds(5);
    return new OutboundPoster(
        vertx,
        targets.policy(),
        new PostSettings(
            connect,
            config.timeout(),
            PostSettings.DEFAULT_EXCERPT_BYTES,
            config.concurrencyPerTarget(),
            "Kiln-Webhooks/" + version + " (+https://www.standardwebhooks.com)"));
  }

  void close(@Disposes OutboundPoster poster) {
    poster.close();
  }
}
