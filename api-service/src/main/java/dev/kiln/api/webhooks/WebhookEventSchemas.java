package dev.kiln.api.webhooks;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonRawValue;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.victools.jsonschema.generator.FieldScope;
import com.github.victools.jsonschema.generator.Option;
import com.github.victools.jsonschema.generator.OptionPreset;
import com.github.victools.jsonschema.generator.SchemaGenerator;
import com.github.victools.jsonschema.generator.SchemaGeneratorConfigBuilder;
import com.github.victools.jsonschema.generator.SchemaVersion;
import com.github.victools.jsonschema.module.jackson.JacksonModule;
import dev.kiln.api.events.EventType;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The JSON Schema (draft 2020-12) of every webhook's body, per event type, generated from the very
 * classes that are serialized into webhooks ({@link WebhookPayload} and what it holds), so it
 * cannot drift from what receivers get. Built once.
 */
@ApplicationScoped
public class WebhookEventSchemas {

  private static final PropertyNamingStrategies.NamingBase SNAKE_CASE =
      (PropertyNamingStrategies.NamingBase) PropertyNamingStrategies.SNAKE_CASE;

  private final Map<String, ObjectNode> byType;

  public WebhookEventSchemas() {
    SchemaGenerator generator = generator();
    ObjectNode job = generator.generateSchema(WebhookPayload.JobEvent.class);
    ObjectNode test = generator.generateSchema(WebhookPayload.Test.class);
    Map<String, ObjectNode> schemas = new LinkedHashMap<>();
    for (EventType type : EventType.values()) {
      ObjectNode schema = (type == EventType.WEBHOOK_TEST ? test : job).deepCopy();
      schema.put("title", type.wire());
      ((ObjectNode) schema.get("properties")).putObject("type").put("const", type.wire());
      schemas.put(type.wire(), schema);
    }
    this.byType = Map.copyOf(schemas);
  }

  /** Every event type's schema, by type name. */
  public Map<String, ObjectNode> all() {
    return byType;
  }

  private static SchemaGenerator generator() {
    SchemaGeneratorConfigBuilder config =
        new SchemaGeneratorConfigBuilder(SchemaVersion.DRAFT_2020_12, OptionPreset.PLAIN_JSON)
            .with(new JacksonModule())
            .with(Option.NULLABLE_FIELDS_BY_DEFAULT)
            .with(Option.FORBIDDEN_ADDITIONAL_PROPERTIES_BY_DEFAULT);
    config
        .forFields()
        .withPropertyNameOverrideResolver(field -> SNAKE_CASE.translate(field.getDeclaredName()))
        .withRequiredCheck(WebhookEventSchemas::alwaysPresent)
        // The client's metadata is written raw (a JSON object), not as the string it is held in.
        .withTargetTypeOverridesResolver(
            field ->
                field.getAnnotationConsideringFieldAndGetter(JsonRawValue.class) == null
                    ? null
                    : List.of(field.getContext().resolve(Map.class)));
    config
        .forTypesInGeneral()
        .withAdditionalPropertiesResolver(
            scope -> scope.getType().isInstanceOf(Map.class) ? Object.class : null);
    return new SchemaGenerator(config.build());
  }

  /**
   * Whether a field is always in the JSON: primitives, and fields of classes that include nulls
   * ({@code @JsonInclude(ALWAYS)}, as the job object) unless the field itself says otherwise. Kiln
   * leaves other null fields out.
   */
  private static boolean alwaysPresent(FieldScope field) {
    if (field.getType().isPrimitive()) {
      return true;
    }
    JsonInclude own = field.getAnnotationConsideringFieldAndGetter(JsonInclude.class);
    if (own != null) {
      return own.value() == JsonInclude.Include.ALWAYS;
    }
    JsonInclude declaring =
        field.getDeclaringType().getErasedType().getAnnotation(JsonInclude.class);
    return declaring != null && declaring.value() == JsonInclude.Include.ALWAYS;
  }
}
