package dev.kiln.api.webhooks;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.smallrye.common.annotation.NonBlocking;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.Operation;

/** {@code GET /v1/webhooks/event-schema}: what each webhook's body looks like. */
@Path("/v1/webhooks/event-schema")
public class WebhookSchemaResource {

  private final WebhookEventSchemas schemas;

  public WebhookSchemaResource(WebhookEventSchemas schemas) {
    this.schemas = schemas;
  }

  @GET
  @NonBlocking // the schemas are built once; authentication runs on the event loop
  @Operation(
      summary =
          "The JSON Schema (draft 2020-12) of the body of each webhook event type, generated"
              + " from the classes that produce the payloads")
  public EventSchemas get() {
    return new EventSchemas("event_schema", schemas.all());
  }

  /**
   * @param schemas by event type, e.g. {@code job.completed}
   */
  public record EventSchemas(String object, Map<String, ObjectNode> schemas) {}
}
