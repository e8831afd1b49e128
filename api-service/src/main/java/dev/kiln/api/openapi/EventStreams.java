package dev.kiln.api.openapi;

import dev.kiln.api.events.EventType;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.models.media.MediaType;
import org.eclipse.microprofile.openapi.models.media.Schema;

/**
 * The {@code text/event-stream} answer of the streaming operations: the event names (the job event
 * types of the record, and {@code snapshot}), the data each carries and the framing.
 */
final class EventStreams {

  static final String MEDIA_TYPE = "text/event-stream";
  static final String SNAPSHOT = "snapshot";

  private EventStreams() {}

  static List<String> eventNames() {
    List<String> names = new ArrayList<>();
    Arrays.stream(EventType.values())
        .filter(EventType::isJobEvent)
        .forEach(type -> names.add(type.wire()));
    names.add(SNAPSHOT);
    return names;
  }

  static MediaType of(String dataSchema) {
    String names = String.join(", ", eventNames());
    Schema frames =
        OASFactory.createSchema()
            .addType(Schema.SchemaType.STRING)
            .description(
                "Server-Sent Events. The first frame is the comment `:ok` with `retry:` (the"
                    + " reconnection delay in ms). Each event has `event:` one of "
                    + names
                    + "; `id:` the event's number in the job event record (a resume point: send"
                    + " it back as `Last-Event-ID`, or `?last_event_id=`, to receive exactly the"
                    + " events after it); and `data:` the "
                    + dataSchema
                    + " as of that event, as JSON, the same object the poll answers. A resume"
                    + " point older than the record's retention is answered with a `snapshot`"
                    + " event first (the job, or the account's unfinished jobs, and why) and"
                    + " continues live. Comment lines (`:keep-alive`) are sent while nothing"
                    + " changes; a job's stream ends after its terminal event with the comment"
                    + " `:end`.")
            .addExtension("x-sse-events", eventNames())
            .addExtension("x-sse-data", Schemas.ref(dataSchema));
    return OASFactory.createMediaType()
        .schema(frames)
        .example(
            ":ok\nretry:3000\n\n"
                + "id:48211\nevent:job.processing\n"
                + "data:{\"id\": \"job_01JF8Z3Q4N5V6W7X8Y9Z0A1B2C\", \"object\": \"job\","
                + " \"status\": \"processing\", ...}\n\n");
  }
}
