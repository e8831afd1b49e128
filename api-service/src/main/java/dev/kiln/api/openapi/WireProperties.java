package dev.kiln.api.openapi;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonRawValue;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.models.media.Schema;
import org.jboss.jandex.AnnotationInstance;
import org.jboss.jandex.ClassInfo;
import org.jboss.jandex.DotName;
import org.jboss.jandex.FieldInfo;
import org.jboss.jandex.IndexView;
import org.jboss.jandex.RecordComponentInfo;
import org.jboss.jandex.Type;

/**
 * Required and nullable, read from the records the schemas were made from, by the rules Jackson
 * applies when writing them: Kiln omits null values ({@code NON_NULL}), so a reference-typed
 * property is optional and a primitive one is always present; a record (or component) marked
 * {@code @JsonInclude(ALWAYS)} writes every property, so all are required and the reference-typed
 * ones are nullable, except {@code id}, {@code object}, {@code status} and {@code created_at},
 * which a Kiln object always has, and those {@link PropertyRules#NEVER_NULL} names. A
 * {@code @JsonRawValue} property is written as the JSON it holds (any object).
 */
final class WireProperties {

  private static final DotName JSON_INCLUDE = DotName.createSimple(JsonInclude.class);
  private static final DotName JSON_PROPERTY = DotName.createSimple(JsonProperty.class);
  private static final DotName JSON_RAW_VALUE = DotName.createSimple(JsonRawValue.class);
  private static final List<String> NEVER_NULL = List.of("id", "object", "status", "created_at");

  private final IndexView index;

  WireProperties(IndexView index) {
    this.index = index;
  }

  void apply(Map<String, Schema> schemas) {
    schemas.forEach((name, schema) -> source(name, schema).ifPresent(r -> apply(name, r, schema)));
  }

  private void apply(String name, ClassInfo record, Schema schema) {
    boolean always = includesAlways(record.declaredAnnotation(JSON_INCLUDE), false);
    List<String> required = new ArrayList<>();
    for (RecordComponentInfo component : record.recordComponents()) {
      String wire = wireName(record, component);
      Schema property = schema.getProperties().get(wire);
      if (property == null) {
        continue;
      }
      FieldInfo field = record.field(component.name());
      boolean primitive = component.type().kind() == Type.Kind.PRIMITIVE;
      boolean present = primitive || includesAlways(field.annotation(JSON_INCLUDE), always);
      if (field.hasAnnotation(JSON_RAW_VALUE)) {
        property =
            OASFactory.createSchema()
                .addType(Schema.SchemaType.OBJECT)
                .additionalPropertiesBoolean(true)
                .description("Any JSON object, as given");
        schema.addProperty(wire, property);
      }
      if (present) {
        required.add(wire);
      }
      if (present
          && !primitive
          && !NEVER_NULL.contains(wire)
          && !PropertyRules.NEVER_NULL.contains(name + "." + wire)) {
        schema.addProperty(wire, nullable(property));
      }
    }
    if (!required.isEmpty()) {
      schema.required(required);
    }
  }

  private static boolean includesAlways(AnnotationInstance include, boolean otherwise) {
    if (include == null || include.value() == null) {
      return otherwise;
    }
    return include.value().asEnum().equals(JsonInclude.Include.ALWAYS.name());
  }

  private static Schema nullable(Schema property) {
    if (property.getRef() != null) {
      return OASFactory.createSchema()
          .anyOf(List.of(property, OASFactory.createSchema().addType(Schema.SchemaType.NULL)));
    }
    if (property.getType() != null && !property.getType().contains(Schema.SchemaType.NULL)) {
      property.addType(Schema.SchemaType.NULL);
      if (property.getEnumeration() != null) {
        property.addEnumeration(null);
      }
    }
    return property;
  }

  private static String wireName(ClassInfo record, RecordComponentInfo component) {
    FieldInfo field = record.field(component.name());
    AnnotationInstance renamed = field == null ? null : field.annotation(JSON_PROPERTY);
    if (renamed != null && renamed.value() != null && !renamed.value().asString().isEmpty()) {
      return renamed.value().asString();
    }
    return ((PropertyNamingStrategies.NamingBase) PropertyNamingStrategies.SNAKE_CASE)
        .translate(component.name());
  }

  /**
   * The Kiln record a schema was made from: its simple name is the schema's name (or, for a generic
   * record such as {@code Page<T>}, the start of it) and its properties are the schema's.
   */
  private Optional<ClassInfo> source(String name, Schema schema) {
    if (schema.getProperties() == null || schema.getProperties().isEmpty()) {
      return Optional.empty();
    }
    return index.getKnownClasses().stream()
        .filter(ClassInfo::isRecord)
        .filter(c -> c.name().toString().startsWith("dev.kiln."))
        .filter(c -> name.startsWith(c.simpleName()))
        .filter(
            c ->
                c.recordComponents().stream()
                    .allMatch(rc -> schema.getProperties().containsKey(wireName(c, rc))))
        .max(Comparator.comparing(c -> c.simpleName().length()));
  }
}
