package dev.kiln.api.webhooks;

import dev.kiln.api.paging.Page;
import dev.kiln.api.paging.PageRequest;
import dev.kiln.api.tenants.CurrentTenant;
import dev.kiln.model.ids.Ids;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.jboss.resteasy.reactive.RestPath;

/** The account's webhook endpoints: {@code /v1/webhook-endpoints}. */
@Path("/v1/webhook-endpoints")
public class WebhookEndpointResource {

  private final WebhookEndpointService endpoints;
  private final WebhookDeliveryService deliveries;
  private final CurrentTenant tenant;

  public WebhookEndpointResource(
      WebhookEndpointService endpoints, WebhookDeliveryService deliveries, CurrentTenant tenant) {
    this.endpoints = endpoints;
    this.deliveries = deliveries;
    this.tenant = tenant;
  }

  @POST
  @Operation(
      summary =
          "Register an endpoint: url, events (default: job outcomes), description,"
              + " include_result; answers 201 with its secret, shown only here")
  public Uni<Response> create(WebhookEndpointRequest request) {
    return endpoints
        .create(tenant.id(), request)
        .map(
            created ->
                Response.created(URI.create("/v1/webhook-endpoints/" + created.id()))
                    .entity(created)
                    .build());
  }

  @GET
  @Operation(summary = "The account's endpoints, newest first (?limit=, ?cursor=)")
  public Uni<Page<WebhookEndpointView>> list(
      @QueryParam("limit") Integer limit, @QueryParam("cursor") String cursor) {
    PageRequest page = PageRequest.of(limit, cursor, Ids.WEBHOOK_ENDPOINT);
    return endpoints
        .list(tenant.id(), page.cursor(), page.fetch())
        .map(found -> Page.of(found, page, WebhookEndpointView::of, WebhookEndpointView::id));
  }

  @GET
  @Path("/{id}")
  @Operation(summary = "One endpoint (without its secret)")
  public Uni<WebhookEndpointView> get(@RestPath String id) {
    return endpoints.find(tenant.id(), id).map(WebhookEndpointView::of);
  }

  @PATCH
  @Path("/{id}")
  @Operation(
      summary =
          "Change url, description, events, include_result or enabled; disabling fails the"
              + " endpoint's pending deliveries, enabling clears the disabled reason")
  public Uni<WebhookEndpointView> update(@RestPath String id, WebhookEndpointRequest change) {
    return endpoints.update(tenant.id(), id, change).map(WebhookEndpointView::of);
  }

  @DELETE
  @Path("/{id}")
  @Operation(summary = "Delete an endpoint and its delivery log")
  public Uni<Response> delete(@RestPath String id) {
    return endpoints.delete(tenant.id(), id).map(ignored -> Response.noContent().build());
  }

  @POST
  @Path("/{id}/rotate-secret")
  @Operation(
      summary =
          "A new secret, shown only here; the old one keeps signing, as a second signature,"
              + " for kiln.webhooks.secret-overlap (24 h)")
  public Uni<WebhookEndpointView> rotateSecret(@RestPath String id) {
    return endpoints.rotateSecret(tenant.id(), id);
  }

  @POST
  @Path("/{id}/test")
  @Operation(summary = "Send a webhook.test event to the endpoint; answers 202 with its delivery")
  public Uni<Response> test(@RestPath String id) {
    return endpoints
        .test(tenant.id(), id)
        .map(
            delivery ->
                Response.accepted(delivery)
                    .location(URI.create("/v1/webhook-deliveries/" + delivery.id()))
                    .build());
  }

  @GET
  @Path("/{id}/deliveries")
  @Operation(
      summary =
          "The endpoint's deliveries with their attempts, newest first (?status=, ?limit=, ?cursor=)")
  public Uni<Page<WebhookDeliveryView>> deliveries(
      @RestPath String id,
      @QueryParam("status") String status,
      @QueryParam("limit") Integer limit,
      @QueryParam("cursor") String cursor) {
    return deliveries.ofEndpoint(
        tenant.id(), id, status, PageRequest.of(limit, cursor, Ids.WEBHOOK_DELIVERY));
  }
}
