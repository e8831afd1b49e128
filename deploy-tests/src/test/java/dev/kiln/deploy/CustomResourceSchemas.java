package dev.kiln.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Validation of custom resources (KEDA, Prometheus Operator) against the JSON Schemas in {@code
 * src/test/resources/schemas/crds}: each is the openAPIV3Schema of the upstream CRD with {@code
 * additionalProperties: false} on every object that the API server would prune unknown fields from
 * (derive-crd-schemas.py). Their {@code metadata} goes through the fabric8 ObjectMeta, as for
 * built-in kinds. Extra schemas check what a CRD leaves open but KEDA reads, such as the metadata
 * keys of a kafka trigger.
 */
final class CustomResourceSchemas {

  private static final JsonSchemaFactory FACTORY =
      JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012);
  private static final Map<String, JsonSchema> SCHEMAS = new ConcurrentHashMap<>();

  private CustomResourceSchemas() {}

  /**
   * The resource path of the schema of an object's kind, e.g. {@code
   * ScaledObject-keda.sh-v1alpha1}.
   */
  static String schemaName(JsonNode object) {
    String apiVersion = object.path("apiVersion").asText();
    String group = apiVersion.contains("/") ? apiVersion.substring(0, apiVersion.indexOf('/')) : "";
    String version = apiVersion.substring(apiVersion.indexOf('/') + 1);
    return "crds/" + object.path("kind").asText() + "-" + group + "-" + version;
  }

  static boolean isKnown(JsonNode object) {
    return CustomResourceSchemas.class.getResource(resource(schemaName(object))) != null;
  }

  static List<String> violations(JsonNode object) {
    if (!isKnown(object)) {
      return List.of(
          "no schema for "
              + object.path("apiVersion").asText()
              + " "
              + object.path("kind").asText()
              + " (add one under src/test/resources/schemas/crds)");
    }
    List<String> violations = new ArrayList<>(validate(schemaName(object), object));
    violations.addAll(
        BuiltInKinds.metadataViolations(object.path("metadata")).stream()
            .map(violation -> "metadata: " + violation)
            .toList());
    if ("ScaledObject".equals(object.path("kind").asText())) {
      JsonNode triggers = object.path("spec").path("triggers");
      for (int i = 0; i < triggers.size(); i++) {
        JsonNode trigger = triggers.get(i);
        if ("kafka".equals(trigger.path("type").asText())) {
          String at = "spec.triggers[" + i + "].metadata: ";
          validate("keda-kafka-trigger-metadata", trigger.path("metadata")).stream()
              .map(at::concat)
              .forEach(violations::add);
        }
      }
    }
    return violations;
  }

  /** The messages of validating {@code node} against {@code schemas/<name>.json}. */
  static List<String> validate(String name, JsonNode node) {
    JsonSchema schema = SCHEMAS.computeIfAbsent(name, CustomResourceSchemas::load);
    return schema.validate(node).stream().map(ValidationMessage::getMessage).sorted().toList();
  }

  private static JsonSchema load(String name) {
    try (InputStream in = CustomResourceSchemas.class.getResourceAsStream(resource(name))) {
      if (in == null) {
        throw new IllegalArgumentException("no schema " + resource(name));
      }
      return FACTORY.getSchema(in);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String resource(String name) {
    return "/schemas/" + name + ".json";
  }
}
