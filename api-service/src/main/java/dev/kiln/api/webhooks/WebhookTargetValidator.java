package dev.kiln.api.webhooks;

import dev.kiln.api.config.WebhooksConfig;
import dev.kiln.api.events.EventType;
import dev.kiln.model.validation.Violation;
import dev.kiln.model.validation.Violations;
import dev.kiln.outbound.AllowList;
import dev.kiln.outbound.FetchRefusedException;
import dev.kiln.outbound.HostResolver;
import dev.kiln.outbound.OutboundException;
import dev.kiln.outbound.OutboundPolicy;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.List;

/**
 * Judges a webhook target where it is registered (an endpoint, or a job's {@code webhook_url}): an
 * absolute http(s) URL of at most {@value #MAX_URL_LENGTH} characters whose host, and every address
 * it resolves to now, passes the SSRF guard's policy; and known event types. The sender checks the
 * addresses again when it connects, so a name that later resolves elsewhere is caught there.
 */
@ApplicationScoped
public class WebhookTargetValidator {

  static final int MAX_URL_LENGTH = 2048;

  private final OutboundPolicy policy;
  private final HostResolver resolver;

  @Inject
  public WebhookTargetValidator(WebhooksConfig config) {
    this(
        new OutboundPolicy(AllowList.parse(config.allow().orElse(List.of()))), HostResolver.SYSTEM);
  }

  WebhookTargetValidator(OutboundPolicy policy, HostResolver resolver) {
    this.policy = policy;
    this.resolver = resolver;
  }

  /** The address policy of webhook targets: the SSRF guard with {@code kiln.webhooks.allow}. */
  public OutboundPolicy policy() {
    return policy;
  }

  /** The URL's problems, without DNS: what can be told at once. */
  public void checkSyntax(String url, String field, Violations violations) {
    if (url == null || url.isBlank()) {
      violations.add(field, "an absolute http or https URL is required");
      return;
    }
    if (url.length() > MAX_URL_LENGTH) {
      violations.add(field, "must be at most " + MAX_URL_LENGTH + " characters");
      return;
    }
    try {
      URI uri = new URI(url);
      if (!uri.isAbsolute() || uri.getHost() == null) {
        violations.add(field, "must be an absolute http or https URL");
        return;
      }
      policy.checkUrl(uri);
    } catch (URISyntaxException e) {
      violations.add(field, "must be an absolute http or https URL");
    } catch (FetchRefusedException e) {
      violations.add(field, e.getMessage());
    }
  }

  /** Checks event type names; null means the default (a job's outcomes). */
  public void checkEvents(List<String> events, String field, Violations violations) {
    if (events == null) {
      return;
    }
    if (events.isEmpty() || events.size() > EventType.values().length) {
      violations.add(field, "name 1 to " + EventType.subscribable().size() + " event types");
      return;
    }
    for (int i = 0; i < events.size(); i++) {
      String type = events.get(i);
      if (type == null || !EventType.subscribable().contains(type)) {
        violations.add(
            field + "[" + i + "]", "unknown event type; one of " + EventType.subscribable());
      }
    }
  }

  /**
   * The URL's host resolved now, off the event loop: a name that resolves to a blocked address is
   * refused at registration, not only when a webhook is sent.
   *
   * @return the problem, or null when the URL may be used
   */
  public Uni<Violation> checkResolved(String url, String field) {
    return Uni.createFrom()
        .item(() -> resolve(url, field))
        .runSubscriptionOn(Infrastructure.getDefaultWorkerPool());
  }

  private Violation resolve(String url, String field) {
    try {
      policy.resolveAndCheck(URI.create(url), resolver);
      return null;
    } catch (OutboundException e) {
      return new Violation(field, e.getMessage());
    }
  }
}
