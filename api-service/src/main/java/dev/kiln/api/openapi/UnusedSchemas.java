package dev.kiln.api.openapi;

import java.util.Deque;
import java.util.HashSet;
import java.util.LinkedList;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.eclipse.microprofile.openapi.models.Components;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.Operation;
import org.eclipse.microprofile.openapi.models.media.Content;
import org.eclipse.microprofile.openapi.models.media.Schema;
import org.eclipse.microprofile.openapi.models.responses.APIResponse;

/**
 * Drops the schemas nothing refers to: what the scanner made of types the document no longer uses
 * (a {@code Response}, an {@code OutboundSseEvent}, Jackson's node classes).
 */
final class UnusedSchemas {

  private UnusedSchemas() {}

  static void remove(OpenAPI openApi) {
    Components components = openApi.getComponents();
    Deque<Schema> pending = new LinkedList<>();
    openApi.getPaths().getPathItems().values().stream()
        .flatMap(path -> path.getOperations().values().stream())
        .forEach(operation -> roots(operation, pending));
    if (components.getResponses() != null) {
      components.getResponses().values().forEach(r -> content(r.getContent(), pending));
    }
    if (components.getParameters() != null) {
      components.getParameters().values().forEach(p -> pending.add(p.getSchema()));
    }
    Set<String> used = new HashSet<>();
    while (!pending.isEmpty()) {
      Schema schema = pending.pop();
      if (schema == null) {
        continue;
      }
      String target = Schemas.target(schema);
      if (target != null && used.add(target)) {
        pending.add(components.getSchemas().get(target));
      }
      children(schema).forEach(pending::add);
    }
    List.copyOf(components.getSchemas().keySet()).stream()
        .filter(name -> !used.contains(name))
        .forEach(components::removeSchema);
  }

  private static void roots(Operation operation, Deque<Schema> pending) {
    if (operation.getParameters() != null) {
      operation.getParameters().forEach(p -> pending.add(p.getSchema()));
    }
    if (operation.getRequestBody() != null) {
      content(operation.getRequestBody().getContent(), pending);
    }
    if (operation.getResponses() != null) {
      for (APIResponse response : operation.getResponses().getAPIResponses().values()) {
        content(response.getContent(), pending);
      }
    }
  }

  private static void content(Content content, Deque<Schema> pending) {
    if (content != null) {
      content.getMediaTypes().values().forEach(m -> pending.add(m.getSchema()));
    }
  }

  private static List<Schema> children(Schema schema) {
    Stream<Schema> properties =
        schema.getProperties() == null ? Stream.empty() : schema.getProperties().values().stream();
    Stream<Schema> composed =
        Stream.of(schema.getAllOf(), schema.getAnyOf(), schema.getOneOf())
            .filter(l -> l != null)
            .flatMap(List::stream);
    Stream<Schema> single = Stream.of(schema.getItems(), schema.getAdditionalPropertiesSchema());
    Stream<Schema> extensions =
        schema.getExtensions() == null
            ? Stream.empty()
            : schema.getExtensions().values().stream()
                .filter(Schema.class::isInstance)
                .map(Schema.class::cast);
    return Stream.of(properties, composed, single, extensions)
        .flatMap(s -> s)
        .filter(s -> s != null)
        .toList();
  }
}
