package dev.kiln.api.openapi;

import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.models.Components;
import org.eclipse.microprofile.openapi.models.Operation;
import org.eclipse.microprofile.openapi.models.media.Content;
import org.eclipse.microprofile.openapi.models.media.MediaType;
import org.eclipse.microprofile.openapi.models.responses.APIResponse;
import org.eclipse.microprofile.openapi.models.responses.APIResponses;

/** Applies one line of {@link Endpoints} to the scanned operation. */
final class Operations {

  static final String JSON = "application/json";

  private static final Map<Integer, String> DESCRIPTIONS =
      Map.of(200, "OK", 201, "Created", 202, "Accepted", 204, "No content");

  private Operations() {}

  static void apply(Endpoint endpoint, Operation operation, Components components) {
    operation.setOperationId(endpoint.operationId());
    operation.setTags(List.of(endpoint.tag()));
    if (endpoint.idempotencyKey()) {
      if (operation.getParameters() != null) {
        operation.setParameters(
            operation.getParameters().stream()
                .filter(p -> !"Idempotency-Key".equalsIgnoreCase(p.getName()))
                .toList());
      }
      operation.addParameter(Headers.idempotencyKey());
    }
    Parameters.apply(endpoint.path(), operation);
    requestExamples(operation);
    success(endpoint, operation.getResponses());
    for (int status : endpoint.allProblems()) {
      if (!components.getResponses().containsKey("Problem" + status)) {
        throw new IllegalStateException(
            endpoint.key()
                + " lists problem status "
                + status
                + ", which no ProblemCode has: add the code to ProblemCode first");
      }
      operation
          .getResponses()
          .addAPIResponse(
              String.valueOf(status), OASFactory.createAPIResponse().ref(Problems.ref(status)));
    }
  }

  private static void success(Endpoint endpoint, APIResponses responses) {
    APIResponse scanned = responses.getAPIResponse("200");
    Content content = scanned == null ? null : scanned.getContent();
    responses.removeAPIResponse("200");
    responses.removeAPIResponse("400");
    APIResponse response =
        OASFactory.createAPIResponse().description(DESCRIPTIONS.get(endpoint.status()));
    if (endpoint.status() != 204) {
      if (endpoint.schema() != null) {
        content =
            OASFactory.createContent()
                .addMediaType(
                    JSON, OASFactory.createMediaType().schema(Schemas.ref(endpoint.schema())));
      }
      if (endpoint.streamOf() != null) {
        if (content == null) {
          content = OASFactory.createContent();
        }
        content.addMediaType(EventStreams.MEDIA_TYPE, EventStreams.of(endpoint.streamOf()));
      }
      if (content != null && content.getMediaType(JSON) != null) {
        MediaType json = content.getMediaType(JSON);
        if (json.getSchema() == null) {
          throw new IllegalStateException(
              endpoint.key() + " returns a Response: give its body's schema in Endpoints");
        }
        Object example = Examples.of(Schemas.target(json.getSchema()));
        if (example != null) {
          json.setExample(example);
        }
      }
      response.setContent(content);
    }
    if (endpoint.location()) {
      response.addHeader(Headers.LOCATION, Headers.ref(Headers.LOCATION));
    }
    responses.addAPIResponse(String.valueOf(endpoint.status()), response);
    if (endpoint.endsWithNoContent()) {
      responses.addAPIResponse(
          "204",
          OASFactory.createAPIResponse()
              .description(
                  "The job has ended and the client's `Last-Event-ID` is its last event: nothing"
                      + " more will come, and a spec-following EventSource stops reconnecting."));
    }
  }

  private static void requestExamples(Operation operation) {
    if (operation.getRequestBody() == null || operation.getRequestBody().getContent() == null) {
      return;
    }
    MediaType json = operation.getRequestBody().getContent().getMediaType(JSON);
    if (json != null && json.getSchema() != null) {
      Object example = Examples.of(Schemas.target(json.getSchema()));
      if (example != null) {
        json.setExample(example);
      }
    }
  }
}
