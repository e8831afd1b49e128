package dev.kiln.api.openapi;

import dev.kiln.api.jobs.JobStatus;
import java.util.Arrays;
import java.util.List;
import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.models.media.MediaType;
import org.eclipse.microprofile.openapi.models.media.Schema;

/**
 * The {@code text/event-stream} answer of the streaming operations: the event names (one per job
 * status), the data each carries and the framing. The names come from {@link JobStatus}.
 */
final class EventStreams {

  static final String MEDIA_TYPE = "text/event-stream";

  private EventStreams() {}

  static List<String> eventNames() {
    return Arrays.stream(JobStatus.values()).map(s -> "job." + s.wire()).toList();
  }

  static MediaType of(String dataSchema) {
    String names = String.join(", ", eventNames());
    Schema frames =
        OASFactory.createSchema()
            .addType(Schema.SchemaType.STRING)
            .description(
                "Server-Sent Events. Each event has `event:` one of "
                    + names
                    + ", `id:` an opaque position, and `data:` the "
                    + dataSchema
                    + " as JSON, the same object the poll answers. Comment lines (`: keep-alive`)"
                    + " are sent while nothing changes; a job's stream ends after its terminal"
                    + " event with the comment `: end`.")
            .addExtension("x-sse-events", eventNames())
            .addExtension("x-sse-data", Schemas.ref(dataSchema));
    return OASFactory.createMediaType()
        .schema(frames)
        .example(
            "event: job.processing\nid: job_01JF8Z3Q4N5V6W7X8Y9Z0A1B2C/1/1736935201000\n"
                + "data: {\"id\": \"job_01JF8Z3Q4N5V6W7X8Y9Z0A1B2C\", \"object\": \"job\","
                + " \"status\": \"processing\", ...}\n\n");
  }
}
