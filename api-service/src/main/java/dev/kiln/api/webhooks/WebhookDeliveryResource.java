package dev.kiln.api.webhooks;

import dev.kiln.api.tenants.CurrentTenant;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.jboss.resteasy.reactive.RestPath;

/** One webhook delivery and its replay: {@code /v1/webhook-deliveries}. */
@Path("/v1/webhook-deliveries")
public class WebhookDeliveryResource {

  private final WebhookDeliveryService deliveries;
  private final CurrentTenant tenant;

  public WebhookDeliveryResource(WebhookDeliveryService deliveries, CurrentTenant tenant) {
    this.deliveries = deliveries;
    this.tenant = tenant;
  }

  @GET
  @Path("/{id}")
  @Operation(summary = "A delivery with every attempt: time, status, duration, error, excerpt")
  public Uni<WebhookDeliveryView> get(@RestPath String id) {
    return deliveries.find(tenant.id(), id);
  }

  @POST
  @Path("/{id}/redeliver")
  @Operation(
      summary = "One more attempt now, with the same webhook-id; answers 202 with the delivery")
  public Uni<Response> redeliver(@RestPath String id) {
    return deliveries
        .redeliver(tenant.id(), id)
        .map(delivery -> Response.accepted(delivery).build());
  }
}
