package dev.kiln.api.openapi;

import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.models.media.Schema;

/** Small schema builders shared by the filter's parts. */
final class Schemas {

  static final String PREFIX = "#/components/schemas/";

  private Schemas() {}

  static Schema ref(String name) {
    return OASFactory.createSchema().ref(PREFIX + name);
  }

  static Schema string(String description) {
    return OASFactory.createSchema().addType(Schema.SchemaType.STRING).description(description);
  }

  /** The schema name a {@code $ref} points at, or null. */
  static String target(Schema schema) {
    return schema == null || schema.getRef() == null || !schema.getRef().startsWith(PREFIX)
        ? null
        : schema.getRef().substring(PREFIX.length());
  }
}
