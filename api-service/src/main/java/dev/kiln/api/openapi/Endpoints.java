package dev.kiln.api.openapi;

import static dev.kiln.api.openapi.Endpoint.delete;
import static dev.kiln.api.openapi.Endpoint.get;
import static dev.kiln.api.openapi.Endpoint.patch;
import static dev.kiln.api.openapi.Endpoint.post;

import java.util.List;
import java.util.Map;

/**
 * The table of every operation of the API, one line each: a new resource method needs a line here
 * (OpenApiDocumentTest fails until it has one). Statuses every operation can answer (401, 500,
 * 503), those of a JSON body (400, 413, 415, 422) and 404 for a path with an id are added by {@link
 * Endpoint#allProblems}; list only the others.
 */
public final class Endpoints {

  static final String MEDIA = "Media";
  static final String JOBS = "Jobs";
  static final String STICKERS = "Stickers";
  static final String EVENTS = "Events";
  static final String WEBHOOKS = "Webhooks";
  static final String ACCOUNT = "Account";
  static final String ADMIN = "Admin";

  /** The tags, in the order a reader meets them, with what each groups. */
  public static final Map<String, String> TAGS =
      Map.of(
          MEDIA, "Upload images and read them back through pre-signed URLs",
          JOBS, "Submit pipelines, poll, stream and cancel jobs",
          STICKERS, "The sticker preset as its own endpoint",
          EVENTS,
              "Live job events (Server-Sent Events, WebSocket) and the tokens browsers open them with",
          WEBHOOKS, "Webhook endpoints, deliveries and the payload schema",
          ACCOUNT, "The authenticated account: usage, credits and their ledger, webhook secret",
          ADMIN, "Tenants, API keys, limits and credits, with the operator key");

  public static final List<Endpoint> ALL =
      List.of(
          // Media
          post("/v1/media", "uploadMedia", MEDIA).created("MediaView").problems(400, 413, 415, 422),
          get("/v1/media", "listMedia", MEDIA).problems(422),
          get("/v1/media/{id}", "getMedia", MEDIA),
          // Jobs
          post("/v1/jobs", "submitJob", JOBS)
              .accepted("JobView")
              .jsonBody()
              .idempotent()
              .problems(402, 429),
          get("/v1/jobs", "getJobs", JOBS).problems(422),
          get("/v1/jobs/{id}", "getJob", JOBS).streams("JobView").streamEnds().problems(403, 422),
          get("/v1/jobs/{id}/events", "streamJobEvents", JOBS)
              .streams("JobView")
              .streamEnds()
              .problems(403, 422),
          post("/v1/jobs/{id}/cancel", "cancelJob", JOBS).problems(409),
          post("/v1/jobs/{id}/rerun", "rerunJob", JOBS)
              .accepted("JobView")
              .jsonBody()
              .idempotent()
              .problems(402, 409, 422, 429),
          // Stickers
          post("/v1/stickers", "createSticker", STICKERS)
              .accepted("JobView")
              .jsonBody()
              .idempotent()
              .problems(402, 429),
          // Events
          get("/v1/events", "streamEvents", EVENTS).streams("JobView").problems(403, 422),
          post("/v1/stream-tokens", "createStreamToken", EVENTS)
              .createdWithoutLocation("StreamTokenView")
              .jsonBody(),
          // Webhooks
          post("/v1/webhook-endpoints", "createWebhookEndpoint", WEBHOOKS)
              .created("WebhookEndpointView")
              .jsonBody(),
          get("/v1/webhook-endpoints", "listWebhookEndpoints", WEBHOOKS).problems(422),
          get("/v1/webhook-endpoints/{id}", "getWebhookEndpoint", WEBHOOKS),
          patch("/v1/webhook-endpoints/{id}", "updateWebhookEndpoint", WEBHOOKS).jsonBody(),
          delete("/v1/webhook-endpoints/{id}", "deleteWebhookEndpoint", WEBHOOKS).noContent(),
          post("/v1/webhook-endpoints/{id}/rotate-secret", "rotateWebhookEndpointSecret", WEBHOOKS),
          post("/v1/webhook-endpoints/{id}/test", "testWebhookEndpoint", WEBHOOKS)
              .accepted("WebhookDeliveryView")
              .problems(409),
          get("/v1/webhook-endpoints/{id}/deliveries", "listWebhookEndpointDeliveries", WEBHOOKS)
              .problems(422),
          get("/v1/jobs/{id}/deliveries", "listJobDeliveries", WEBHOOKS).problems(422),
          get("/v1/webhook-deliveries/{id}", "getWebhookDelivery", WEBHOOKS),
          post("/v1/webhook-deliveries/{id}/redeliver", "redeliverWebhook", WEBHOOKS)
              .acceptedWithoutLocation("WebhookDeliveryView")
              .problems(409, 410),
          get("/v1/webhooks/event-schema", "getWebhookEventSchema", WEBHOOKS),
          // Account
          get("/v1/account", "getAccount", ACCOUNT),
          get("/v1/account/webhook-secret", "getAccountWebhookSecret", ACCOUNT),
          post("/v1/account/webhook-secret", "rotateAccountWebhookSecret", ACCOUNT),
          get("/v1/account/ledger", "listLedgerEntries", ACCOUNT).problems(422),
          // Admin (operator key)
          post("/v1/admin/tenants", "createTenant", ADMIN)
              .created("TenantView")
              .jsonBody()
              .problems(403),
          get("/v1/admin/tenants", "listTenants", ADMIN).problems(403, 422),
          get("/v1/admin/tenants/{id}", "getTenant", ADMIN).problems(403),
          patch("/v1/admin/tenants/{id}/limits", "updateTenantLimits", ADMIN)
              .jsonBody()
              .problems(403),
          post("/v1/admin/tenants/{id}/credits", "grantCredits", ADMIN).jsonBody().problems(403),
          post("/v1/admin/tenants/{id}/keys", "createApiKey", ADMIN)
              .created("ApiKeyView")
              .jsonBody()
              .problems(403),
          get("/v1/admin/tenants/{id}/keys", "listApiKeys", ADMIN).problems(403, 422),
          delete("/v1/admin/tenants/{id}/keys/{keyId}", "revokeApiKey", ADMIN)
              .ok("ApiKeyView")
              .problems(403));

  private Endpoints() {}
}
