package dev.kiln.api.support;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Compares a JSON body with a schema of the OpenAPI document: unknown and missing properties, nulls
 * the schema does not allow, values outside an enum, wrong JSON types. Each finding names the JSON
 * path and the schema to change.
 */
final class BodyCheck {

  private static final String SCHEMAS = "#/components/schemas/";

  private final OpenApiContract.OpenApiDocument document;
  private final List<String> findings;

  BodyCheck(OpenApiContract.OpenApiDocument document, List<String> findings) {
    this.document = document;
    this.findings = findings;
  }

  void check(JsonNode value, JsonNode schema, String at) {
    check(value, schema, at, "the inline schema");
  }

  private void check(JsonNode value, JsonNode schema, String at, String name) {
    if (schema == null || schema.isMissingNode() || schema.isEmpty()) {
      return;
    }
    if (schema.has("$ref")) {
      String ref = schema.get("$ref").asText();
      String target = ref.startsWith(SCHEMAS) ? ref.substring(SCHEMAS.length()) : ref;
      check(value, document.resolve(schema), at, target);
      return;
    }
    if (value.isNull()) {
      if (!allowsNull(schema)) {
        findings.add(
            at + " is null, but " + name + " does not allow null (add \"null\" to its type)");
      }
      return;
    }
    if (schema.has("anyOf") || schema.has("oneOf")) {
      checkAlternatives(value, schema, at, name);
      return;
    }
    List<JsonNode> parts = new ArrayList<>();
    parts.add(schema);
    schema.path("allOf").forEach(part -> parts.add(document.resolve(part)));
    String type = jsonType(value);
    Set<String> allowed = types(parts);
    if (!allowed.isEmpty()
        && !allowed.contains(type)
        && !(type.equals("integer") && allowed.contains("number"))) {
      findings.add(at + " is " + type + ", but " + name + " says " + allowed);
      return;
    }
    for (JsonNode part : parts) {
      JsonNode values = part.path("enum");
      if (values.isArray() && !contains(values, value)) {
        findings.add(at + " is " + value + ", which is not in the enum " + values + " of " + name);
      }
    }
    if (value.isObject()) {
      checkObject(value, parts, at, name);
    } else if (value.isArray()) {
      for (int i = 0; i < value.size(); i++) {
        for (JsonNode part : parts) {
          check(value.get(i), part.path("items"), at + "[" + i + "]", name + " items");
        }
      }
    }
  }

  private void checkObject(JsonNode value, List<JsonNode> parts, String at, String name) {
    Set<String> required = new HashSet<>();
    JsonNode additional = null;
    boolean described = false;
    for (JsonNode part : parts) {
      part.path("required").forEach(r -> required.add(r.asText()));
      if (part.has("additionalProperties")) {
        additional = part.get("additionalProperties");
      }
      described |= part.has("properties") || part.has("additionalProperties");
    }
    if (!described) {
      return;
    }
    for (String member : required) {
      if (!value.has(member)) {
        findings.add(at + " has no '" + member + "', which " + name + " lists as required");
      }
    }
    var fields = value.fields();
    while (fields.hasNext()) {
      var field = fields.next();
      String path = at + "." + field.getKey();
      JsonNode property = null;
      for (JsonNode part : parts) {
        if (part.path("properties").has(field.getKey())) {
          property = part.path("properties").get(field.getKey());
        }
      }
      if (property != null) {
        check(field.getValue(), property, path, name + "." + field.getKey());
      } else if (additional != null && additional.isObject()) {
        check(field.getValue(), additional, path, name + " additionalProperties");
      } else if (additional == null || !additional.asBoolean()) {
        findings.add(
            "unknown property '"
                + field.getKey()
                + "' at "
                + path
                + ": "
                + name
                + " has no such property. The schema is generated from the record the"
                + " response is made of; if the property comes from a custom serializer, a"
                + " @JsonAnyGetter or a raw value, describe it in"
                + " dev.kiln.api.openapi.PropertyRules.");
      }
    }
  }

  private void checkAlternatives(JsonNode value, JsonNode schema, String at, String name) {
    JsonNode options = schema.has("anyOf") ? schema.get("anyOf") : schema.get("oneOf");
    String discriminator = schema.path("discriminator").path("propertyName").asText(null);
    if (discriminator != null && value.has(discriminator)) {
      JsonNode mapped =
          schema.path("discriminator").path("mapping").path(value.get(discriminator).asText());
      if (mapped.isTextual()) {
        check(value, document.resolve(refTo(mapped.asText())), at, mapped.asText());
        return;
      }
    }
    List<String> firstAttempt = null;
    for (JsonNode option : options) {
      List<String> attempt = new ArrayList<>();
      new BodyCheck(document, attempt).check(value, option, at, name);
      if (attempt.isEmpty()) {
        return;
      }
      if (firstAttempt == null) {
        firstAttempt = attempt;
      }
    }
    findings.add(at + " matches none of the alternatives of " + name + ", e.g.: " + firstAttempt);
  }

  private static JsonNode refTo(String ref) {
    return com.fasterxml.jackson.databind.node.JsonNodeFactory.instance
        .objectNode()
        .put("$ref", ref);
  }

  private boolean allowsNull(JsonNode schema) {
    if (types(List.of(schema)).contains("null")) {
      return true;
    }
    for (String key : List.of("anyOf", "oneOf")) {
      for (JsonNode option : schema.path(key)) {
        if (allowsNull(document.resolve(option))) {
          return true;
        }
      }
    }
    return false;
  }

  private static Set<String> types(List<JsonNode> parts) {
    Set<String> types = new HashSet<>();
    for (JsonNode part : parts) {
      JsonNode type = part.path("type");
      if (type.isTextual()) {
        types.add(type.asText());
      } else {
        type.forEach(t -> types.add(t.asText()));
      }
    }
    return types;
  }

  private static boolean contains(JsonNode values, JsonNode value) {
    for (JsonNode candidate : values) {
      if (candidate.equals(value)) {
        return true;
      }
    }
    return false;
  }

  private static String jsonType(JsonNode value) {
    if (value.isObject()) {
      return "object";
    }
    if (value.isArray()) {
      return "array";
    }
    if (value.isIntegralNumber()) {
      return "integer";
    }
    if (value.isNumber()) {
      return "number";
    }
    if (value.isBoolean()) {
      return "boolean";
    }
    return value.isNull() ? "null" : "string";
  }
}
