package dev.kiln.api.live;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.kiln.api.events.JobSnapshot;
import dev.kiln.api.jobs.JobMapper;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.UncheckedIOException;

/**
 * Renders a recorded job event as streams send it: the job object as of the event, through the one
 * job mapper (the same object {@code GET /v1/jobs/{id}} and webhooks carry).
 */
@ApplicationScoped
public class LiveEventRenderer {

  private final JobMapper jobs;
  private final ObjectMapper json;

  public LiveEventRenderer(JobMapper jobs, ObjectMapper json) {
    this.jobs = jobs;
    this.json = json;
  }

  LiveEvent render(RecordedEvent recorded) {
    var record = recorded.record();
    return new LiveEvent(
        Long.toString(record.seq()),
        recorded.position(),
        record.tenantId(),
        record.jobId(),
        record.type(),
        write(jobs.toView(JobSnapshot.toJob(record, recorded.result()))));
  }

  String write(Object value) {
    try {
      return json.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }
}
