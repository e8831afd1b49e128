package dev.kiln.api.live;

import dev.kiln.api.tenants.CurrentTenant;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * Plans a {@link LiveStream} before its response starts: a job stream of an unknown job is a 404, a
 * malformed resume point or filter a 422, and a finished job whose last event the client already
 * has a 204, which stops a spec-following EventSource from reconnecting.
 */
public class LiveStreamGate {

  private final LiveStreams streams;
  private final CurrentTenant tenant;
  private final PlannedStream planned;

  public LiveStreamGate(LiveStreams streams, CurrentTenant tenant, PlannedStream planned) {
    this.streams = streams;
    this.tenant = tenant;
    this.planned = planned;
  }

  @LiveStream
  @ServerRequestFilter(priority = Priorities.USER)
  public Uni<Response> plan(ContainerRequestContext request) {
    MultivaluedMap<String, String> query = request.getUriInfo().getQueryParameters();
    Long lastEventId =
        StreamParams.lastEventId(
            request.getHeaderString("Last-Event-ID"), query.getFirst("last_event_id"));
    String jobId = request.getUriInfo().getPathParameters().getFirst("id");
    tenant.requireStreamOf(jobId);
    return streams
        .plan(tenant.id(), jobId, lastEventId, query.getFirst("types"), query.getFirst("job_ids"))
        .map(
            plan -> {
              if (plan.seenToTheEnd()) {
                return Response.noContent().build();
              }
              planned.set(plan);
              return null;
            });
  }
}
