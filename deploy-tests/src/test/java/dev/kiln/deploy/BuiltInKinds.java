package dev.kiln.deploy;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.introspect.BeanPropertyDefinition;
import io.fabric8.kubernetes.api.model.KubernetesResource;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Strict validation of built-in kinds through the fabric8 Kubernetes model (the API server's own
 * types, generated from its OpenAPI): an object must deserialise into its kind's class, and no
 * field may be unknown.
 *
 * <p>Unknown fields do not fail deserialisation on their own: every fabric8 model class has a
 * {@code @JsonAnySetter} that keeps them in {@code additionalProperties}, whatever {@code
 * FAIL_ON_UNKNOWN_PROPERTIES} says (and a value of the wrong type can land there too). So after
 * deserialising, the object tree is walked, and every non-empty {@code additionalProperties} is a
 * violation, reported with its path ({@code spec.template.spec.containers[0].imagePullPolicyy}).
 */
final class BuiltInKinds {

  private static final ObjectMapper MAPPER =
      new ObjectMapper().enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
  private static final KubernetesSerialization SERIALIZATION =
      new KubernetesSerialization(MAPPER, true);

  private static final Map<Class<?>, List<BeanPropertyDefinition>> PROPERTIES =
      new ConcurrentHashMap<>();

  private BuiltInKinds() {}

  /** The model class of a built-in kind, or null for a custom resource. */
  static Class<? extends KubernetesResource> modelClass(JsonNode object) {
    return SERIALIZATION.getRegisteredKubernetesResource(
        object.path("apiVersion").asText(), object.path("kind").asText());
  }

  static boolean isBuiltIn(JsonNode object) {
    return modelClass(object) != null;
  }

  /** The object's violations: fields the model does not know, or a failed deserialisation. */
  static List<String> violations(JsonNode object) {
    Class<? extends KubernetesResource> type = modelClass(object);
    if (type == null) {
      return List.of("not a built-in kind: " + object.path("apiVersion").asText());
    }
    Object model;
    try {
      model = SERIALIZATION.convertValue(object, type);
    } catch (IllegalArgumentException e) {
      return List.of(e.getMessage());
    }
    List<String> violations = new ArrayList<>();
    unknownFields(model, "", violations);
    return violations;
  }

  /** The violations of a custom resource's metadata, read as a fabric8 ObjectMeta. */
  static List<String> metadataViolations(JsonNode metadata) {
    ObjectMeta model;
    try {
      model = SERIALIZATION.convertValue(metadata, ObjectMeta.class);
    } catch (IllegalArgumentException e) {
      return List.of(e.getMessage());
    }
    List<String> violations = new ArrayList<>();
    unknownFields(model, "", violations);
    return violations;
  }

  /** Every non-empty {@code additionalProperties} below {@code value}, as paths. */
  static void unknownFields(Object value, String path, List<String> violations) {
    if (value == null) {
      return;
    }
    if (value instanceof Collection<?> items) {
      int i = 0;
      for (Object item : items) {
        unknownFields(item, path + "[" + i++ + "]", violations);
      }
      return;
    }
    if (value instanceof Map<?, ?> map) {
      map.forEach((key, item) -> unknownFields(item, path + "[" + key + "]", violations));
      return;
    }
    if (!value.getClass().getName().startsWith("io.fabric8.")) {
      return;
    }
    for (BeanPropertyDefinition property :
        PROPERTIES.computeIfAbsent(value.getClass(), BuiltInKinds::properties)) {
      String child = join(path, property.getName());
      unknownFields(property.getGetter().getValue(value), child, violations);
    }
    additionalProperties(value)
        .keySet()
        .forEach(key -> violations.add("unknown field " + join(path, key)));
  }

  /** The JSON properties of a model class that have a getter (introspection is slow: cached). */
  private static List<BeanPropertyDefinition> properties(Class<?> type) {
    JavaType javaType = MAPPER.constructType(type);
    return MAPPER.getSerializationConfig().introspect(javaType).findProperties().stream()
        .filter(property -> property.getGetter() != null)
        .toList();
  }

  private static String join(String path, String key) {
    return path.isEmpty() ? key : path + "." + key;
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> additionalProperties(Object value) {
    try {
      Object extra = value.getClass().getMethod("getAdditionalProperties").invoke(value);
      return extra == null ? Map.of() : (Map<String, Object>) extra;
    } catch (NoSuchMethodException e) {
      return Map.of();
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException(e);
    }
  }
}
