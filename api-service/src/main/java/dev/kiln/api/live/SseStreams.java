package dev.kiln.api.live;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.kiln.api.jobs.Job;
import dev.kiln.api.jobs.JobMapper;
import io.smallrye.mutiny.Multi;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.sse.OutboundSseEvent;
import jakarta.ws.rs.sse.Sse;
import java.time.Duration;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Job streams as Server-Sent Events: each event is named {@code job.<status>} and carries the job
 * object, the same as {@code GET /v1/jobs/{id}} answers. A comment line is sent while nothing
 * happens so that proxies keep the connection open.
 */
@ApplicationScoped
public class SseStreams {

  private final JobMapper mapper;
  private final ObjectMapper json;
  private final Duration heartbeat;

  public SseStreams(
      JobMapper mapper,
      ObjectMapper json,
      @ConfigProperty(name = "kiln.sse.heartbeat", defaultValue = "15s") Duration heartbeat) {
    this.mapper = mapper;
    this.json = json;
    this.heartbeat = heartbeat;
  }

  /** The events of {@code jobs}, with heartbeats until {@code jobs} completes. */
  public Multi<OutboundSseEvent> events(Multi<Job> jobs, Sse sse) {
    OutboundSseEvent end = sse.newEventBuilder().comment("end").build();
    Multi<OutboundSseEvent> events =
        jobs.map(job -> event(job, sse)).onCompletion().continueWith(end);
    Multi<OutboundSseEvent> heartbeats =
        Multi.createFrom()
            .ticks()
            .every(heartbeat)
            .onOverflow()
            .drop()
            .map(tick -> sse.newEventBuilder().comment("keep-alive").build());
    return Multi.createBy()
        .merging()
        .streams(events, heartbeats)
        .select()
        .first(event -> event != end);
  }

  private OutboundSseEvent event(Job job, Sse sse) {
    return sse.newEventBuilder()
        .name("job." + job.status)
        .id(job.id + "/" + job.attempt + "/" + job.updatedAt.toEpochMilli())
        .data(toJson(job))
        .build();
  }

  private String toJson(Job job) {
    try {
      return json.writeValueAsString(mapper.toView(job));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("job " + job.id + " does not serialize", e);
    }
  }
}
