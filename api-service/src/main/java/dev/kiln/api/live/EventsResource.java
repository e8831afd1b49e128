package dev.kiln.api.live;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.sse.Sse;
import jakarta.ws.rs.sse.SseEventSink;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.jboss.resteasy.reactive.RestQuery;

/** {@code GET /v1/events}: the events of every job of the tenant, live, as Server-Sent Events. */
@Path("/v1/events")
public class EventsResource {

  private final SseStreams streams;

  public EventsResource(SseStreams streams) {
    this.streams = streams;
  }

  /**
   * The parameters are read by {@link LiveStreamGate} and the authentication filter before the
   * stream starts; they are declared here for the API's description.
   */
  @GET
  @Produces(MediaType.SERVER_SENT_EVENTS)
  @LiveStream
  @Operation(
      summary =
          "Live stream of the events of every job of the tenant (?types=, ?job_ids= narrow it);"
              + " with Last-Event-ID, the events missed since, then live ones")
  public void events(
      @HeaderParam("Last-Event-ID") String lastEventId,
      @RestQuery("last_event_id") String lastEventIdParameter,
      @RestQuery String types,
      @RestQuery("job_ids") String jobIds,
      @RestQuery("access_token") String accessToken,
      @Context SseEventSink sink,
      @Context Sse sse) {
    streams.open(sink, sse);
  }
}
