package dev.kiln.api.openapi;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeName;
import com.fasterxml.jackson.databind.BeanDescription;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.introspect.BeanPropertyDefinition;
import dev.kiln.model.json.KilnJson;
import dev.kiln.model.pipeline.Step;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.models.Components;
import org.eclipse.microprofile.openapi.models.media.Schema;

/**
 * The pipeline step union, generated from the op model: {@code Step} is a {@code oneOf} of one
 * schema per {@code @JsonSubTypes} entry, told apart by {@code op}; each op's parameters are the
 * step record's properties as Jackson reads them (snake_case, enums by their wire names). A new op
 * in shared-model appears here without an edit.
 */
final class StepSchemas {

  static final String UNION = "Step";

  private StepSchemas() {}

  static void register(Components components) {
    ObjectMapper json = KilnJson.mapper();
    Schema union =
        OASFactory.createSchema()
            .description(
                "One pipeline step: `op` names the operation, the other properties are its"
                    + " parameters. Steps run in order; `encode` is the last one.");
    Map<String, String> mapping = new LinkedHashMap<>();
    for (JsonSubTypes.Type type : Step.class.getAnnotation(JsonSubTypes.class).value()) {
      Class<?> step = type.value();
      String op = step.getAnnotation(JsonTypeName.class).value();
      String name = step.getSimpleName();
      components.addSchema(name, opSchema(json, step, op));
      union.addOneOf(Schemas.ref(name));
      mapping.put(op, Schemas.PREFIX + name);
    }
    union.discriminator(OASFactory.createDiscriminator().propertyName("op").mapping(mapping));
    components.addSchema(UNION, union);
  }

  private static Schema opSchema(ObjectMapper json, Class<?> step, String op) {
    Schema schema =
        OASFactory.createSchema()
            .addType(Schema.SchemaType.OBJECT)
            .title(op)
            .addProperty(
                "op",
                OASFactory.createSchema()
                    .addType(Schema.SchemaType.STRING)
                    .enumeration(List.of(op)))
            .required(List.of("op"))
            .additionalPropertiesBoolean(false);
    JavaType type = json.constructType(step);
    BeanDescription bean = json.getDeserializationConfig().introspect(type);
    for (BeanPropertyDefinition property : bean.findProperties()) {
      if (property.hasConstructorParameter() || property.hasSetter() || property.hasField()) {
        schema.addProperty(property.getName(), TypeSchemas.of(json, property.getPrimaryType()));
      }
    }
    return schema;
  }

  /** Every op name, in the model's order. */
  static List<String> ops() {
    List<String> ops = new ArrayList<>();
    for (JsonSubTypes.Type type : Step.class.getAnnotation(JsonSubTypes.class).value()) {
      ops.add(type.value().getAnnotation(JsonTypeName.class).value());
    }
    return ops;
  }
}
