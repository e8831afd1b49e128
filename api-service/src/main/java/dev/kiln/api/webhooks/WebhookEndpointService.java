package dev.kiln.api.webhooks;

import dev.kiln.api.config.WebhooksConfig;
import dev.kiln.api.events.EventType;
import dev.kiln.api.problems.ApiException;
import dev.kiln.api.problems.ProblemCode;
import dev.kiln.model.ids.Ids;
import dev.kiln.model.validation.Violations;
import dev.kiln.webhooks.WebhookSecret;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;

/** Registers, changes, rotates and tests a tenant's webhook endpoints. */
@ApplicationScoped
public class WebhookEndpointService {

  static final int MAX_DESCRIPTION = 500;

  private final WebhookEndpointStore endpoints;
  private final WebhookDeliveryStore deliveries;
  private final WebhookTargetValidator targets;
  private final SecretCipher cipher;
  private final WebhooksConfig config;
  private final WebhookDispatcher dispatcher;

  public WebhookEndpointService(
      WebhookEndpointStore endpoints,
      WebhookDeliveryStore deliveries,
      WebhookTargetValidator targets,
      SecretCipher cipher,
      WebhooksConfig config,
      WebhookDispatcher dispatcher) {
    this.endpoints = endpoints;
    this.deliveries = deliveries;
    this.targets = targets;
    this.cipher = cipher;
    this.config = config;
    this.dispatcher = dispatcher;
  }

  /** Creates an endpoint; the answer is the only one that shows its secret. */
  public Uni<WebhookEndpointView> create(String tenantId, WebhookEndpointRequest request) {
    if (request == null) {
      throw ApiException.invalid("", "a JSON body with url is required");
    }
    Violations violations = new Violations();
    targets.checkSyntax(request.url(), "url", violations);
    check(request, violations);
    if (request.enabled() != null && !request.enabled()) {
      violations.add("enabled", "an endpoint is created enabled; disable it with PATCH");
    }
    return resolved(request.url(), violations)
        .chain(
            () -> {
              String id = Ids.next(Ids.WEBHOOK_ENDPOINT);
              WebhookSecret secret = WebhookSecret.generate();
              List<String> events =
                  request.events() == null
                      ? EventType.terminalJobTypes()
                      : request.events().stream().distinct().toList();
              return endpoints
                  .insert(
                      id,
                      tenantId,
                      request.url(),
                      request.description(),
                      events,
                      Boolean.TRUE.equals(request.includeResult()),
                      cipher.encrypt(secret, id))
                  .invoke(e -> Log.infof("webhook endpoint %s created (tenant %s)", id, tenantId))
                  .map(endpoint -> WebhookEndpointView.of(endpoint, secret.value()));
            });
  }

  public Uni<WebhookEndpoint> find(String tenantId, String id) {
    return endpoints.find(tenantId, id).onItem().ifNull().failWith(() -> notFound(id));
  }

  public Uni<List<WebhookEndpoint>> list(String tenantId, String before, int limit) {
    return endpoints.list(tenantId, before, limit);
  }

  /** Changes the fields given; disabling fails the endpoint's pending deliveries. */
  public Uni<WebhookEndpoint> update(String tenantId, String id, WebhookEndpointRequest change) {
    if (change == null) {
      throw ApiException.invalid("", "a JSON body with the fields to change is required");
    }
    Violations violations = new Violations();
    if (change.url() != null) {
      targets.checkSyntax(change.url(), "url", violations);
    }
    check(change, violations);
    Uni<Void> checked =
        change.url() == null ? verdict(violations) : resolved(change.url(), violations);
    return checked
        .chain(() -> endpoints.update(tenantId, id, change))
        .onItem()
        .ifNull()
        .failWith(() -> notFound(id));
  }

  public Uni<Void> delete(String tenantId, String id) {
    return endpoints
        .delete(tenantId, id)
        .map(
            deleted -> {
              if (!deleted) {
                throw notFound(id);
              }
              return null;
            });
  }

  /**
   * A new secret, shown once; the old one keeps signing for {@code kiln.webhooks.secret-overlap}.
   */
  public Uni<WebhookEndpointView> rotateSecret(String tenantId, String id) {
    WebhookSecret secret = WebhookSecret.generate();
    return endpoints
        .rotate(tenantId, id, cipher.encrypt(secret, id), config.secretOverlap())
        .onItem()
        .ifNull()
        .failWith(() -> notFound(id))
        .map(endpoint -> WebhookEndpointView.of(endpoint, secret.value()));
  }

  /** Sends a {@code webhook.test} event to the endpoint; answers its delivery. */
  public Uni<WebhookDeliveryView> test(String tenantId, String id) {
    return find(tenantId, id)
        .chain(
            endpoint -> {
              if (!endpoint.enabled()) {
                throw new ApiException(
                    ProblemCode.WEBHOOK_ENDPOINT_DISABLED,
                    "Endpoint " + id + " is disabled (" + endpoint.disabledReason() + ")");
              }
              return deliveries.createTest(tenantId, endpoint, WebhookTestData.of(id));
            })
        .invoke(dispatcher::wake);
  }

  private void check(WebhookEndpointRequest request, Violations violations) {
    targets.checkEvents(request.events(), "events", violations);
    if (request.description() != null && request.description().length() > MAX_DESCRIPTION) {
      violations.add("description", "must be at most " + MAX_DESCRIPTION + " characters");
    }
  }

  /** Fails with every problem found, else resolves the URL's host and judges its addresses. */
  private Uni<Void> resolved(String url, Violations violations) {
    if (!violations.isEmpty()) {
      return verdict(violations);
    }
    return targets
        .checkResolved(url, "url")
        .map(
            problem -> {
              if (problem != null) {
                throw ApiException.invalid(List.of(problem));
              }
              return null;
            });
  }

  private static Uni<Void> verdict(Violations violations) {
    return violations.isEmpty()
        ? Uni.createFrom().voidItem()
        : Uni.createFrom().failure(ApiException.invalid(violations.list()));
  }

  private static ApiException notFound(String id) {
    return ApiException.notFound("webhook endpoint", id);
  }
}
