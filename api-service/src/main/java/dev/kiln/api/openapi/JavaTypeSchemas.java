package dev.kiln.api.openapi;

import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.models.Components;
import org.eclipse.microprofile.openapi.models.media.Schema;

/**
 * Inlines the schemas that {@code mp.openapi.schema.<class>} configures for library types ({@code
 * java.time.Instant} as a date-time string, Jackson's nodes as any object): a reader sees {@code
 * "format": "date-time"} at the property instead of a reference to {@code java.time.Instant}.
 */
final class JavaTypeSchemas {

  private JavaTypeSchemas() {}

  static void inline(Components components) {
    Map<String, Schema> schemas = components.getSchemas();
    for (Schema schema : schemas.values()) {
      if (schema.getProperties() != null) {
        for (Map.Entry<String, Schema> property : Map.copyOf(schema.getProperties()).entrySet()) {
          schema.addProperty(property.getKey(), inlined(property.getValue(), schemas));
        }
      }
    }
    List.copyOf(schemas.keySet()).stream()
        .filter(JavaTypeSchemas::isJavaType)
        .forEach(components::removeSchema);
  }

  private static Schema inlined(Schema schema, Map<String, Schema> schemas) {
    String target = Schemas.target(schema);
    if (target != null && isJavaType(target)) {
      return copy(schemas.get(target));
    }
    if (schema.getItems() != null) {
      schema.setItems(inlined(schema.getItems(), schemas));
    }
    if (schema.getAdditionalPropertiesSchema() != null) {
      schema.setAdditionalPropertiesSchema(
          inlined(schema.getAdditionalPropertiesSchema(), schemas));
    }
    return schema;
  }

  private static Schema copy(Schema source) {
    Schema copy = OASFactory.createSchema();
    copy.setType(source.getType() == null ? null : List.copyOf(source.getType()));
    copy.setFormat(source.getFormat());
    copy.setDescription(source.getDescription());
    copy.setAdditionalPropertiesBoolean(source.getAdditionalPropertiesBoolean());
    return copy;
  }

  private static boolean isJavaType(String name) {
    return name.contains(".");
  }
}
