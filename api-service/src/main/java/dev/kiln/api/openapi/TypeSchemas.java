package dev.kiln.api.openapi;

import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.models.media.Schema;

/** The JSON schema of a simple Java type as Jackson writes it. */
final class TypeSchemas {

  private TypeSchemas() {}

  static Schema of(ObjectMapper json, JavaType type) {
    Class<?> raw = type.getRawClass();
    Schema schema = OASFactory.createSchema();
    if (raw == Integer.class || raw == int.class || raw == Short.class || raw == short.class) {
      return schema.addType(Schema.SchemaType.INTEGER).format("int32");
    }
    if (raw == Long.class || raw == long.class) {
      return schema.addType(Schema.SchemaType.INTEGER).format("int64");
    }
    if (raw == Double.class || raw == double.class || raw == Float.class || raw == float.class) {
      return schema.addType(Schema.SchemaType.NUMBER).format("double");
    }
    if (raw == Boolean.class || raw == boolean.class) {
      return schema.addType(Schema.SchemaType.BOOLEAN);
    }
    if (raw == String.class) {
      return schema.addType(Schema.SchemaType.STRING);
    }
    if (raw == Instant.class) {
      return schema.addType(Schema.SchemaType.STRING).format("date-time");
    }
    if (raw.isEnum()) {
      return schema.addType(Schema.SchemaType.STRING).enumeration(wireNames(json, raw));
    }
    if (type.isCollectionLikeType()) {
      return schema.addType(Schema.SchemaType.ARRAY).items(of(json, type.getContentType()));
    }
    return schema.addType(Schema.SchemaType.OBJECT);
  }

  private static List<Object> wireNames(ObjectMapper json, Class<?> enumType) {
    List<Object> names = new ArrayList<>();
    for (Object constant : enumType.getEnumConstants()) {
      try {
        names.add(json.convertValue(constant, String.class));
      } catch (IllegalArgumentException e) {
        names.add(constant.toString());
      }
    }
    return names;
  }
}
