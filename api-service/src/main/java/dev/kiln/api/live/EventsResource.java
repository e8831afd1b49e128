package dev.kiln.api.live;

import dev.kiln.api.tenants.CurrentTenant;
import io.smallrye.mutiny.Multi;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.sse.OutboundSseEvent;
import jakarta.ws.rs.sse.Sse;
import org.eclipse.microprofile.openapi.annotations.Operation;

/** {@code GET /v1/events}: every job change of the tenant, live, as Server-Sent Events. */
@Path("/v1/events")
public class EventsResource {

  private final JobStreams streams;
  private final SseStreams sse;
  private final CurrentTenant tenant;

  public EventsResource(JobStreams streams, SseStreams sse, CurrentTenant tenant) {
    this.streams = streams;
    this.sse = sse;
    this.tenant = tenant;
  }

  @GET
  @Produces(MediaType.SERVER_SENT_EVENTS)
  @Operation(summary = "Live stream of every job change of the tenant (job.<status> events)")
  public Multi<OutboundSseEvent> events(@Context Sse events) {
    return sse.events(streams.tenant(tenant.id()), events);
  }
}
