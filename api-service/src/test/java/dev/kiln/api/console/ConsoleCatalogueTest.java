package dev.kiln.api.console;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeName;
import com.fasterxml.jackson.databind.BeanDescription;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.introspect.BeanPropertyDefinition;
import dev.kiln.model.json.KilnJson;
import dev.kiln.model.pipeline.Step;
import dev.kiln.model.presets.Preset;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The console's pipeline editor offers exactly the ops of the model, each with its parameters by
 * their wire names and kinds, and the presets of the API: a new op or parameter fails here until
 * {@code console/ops.json} has it.
 */
class ConsoleCatalogueTest {

  private static final ObjectMapper JSON = KilnJson.mapper();

  @Test
  void theEditorOffersEveryOpWithItsParameters() throws IOException {
    Map<String, Map<String, String>> offered = new LinkedHashMap<>();
    Map<String, List<String>> offeredValues = new LinkedHashMap<>();
    for (JsonNode op : catalogue().path("ops")) {
      Map<String, String> params = new LinkedHashMap<>();
      for (JsonNode param : op.path("params")) {
        params.put(param.path("name").asText(), kindOffered(param.path("type").asText()));
        if (param.has("values")) {
          List<String> values = new ArrayList<>();
          param.path("values").forEach(value -> values.add(value.asText()));
          offeredValues.put(op.path("op").asText() + "." + param.path("name").asText(), values);
        }
      }
      offered.put(op.path("op").asText(), params);
    }

    Map<String, Map<String, String>> model = new LinkedHashMap<>();
    Map<String, List<String>> modelValues = new LinkedHashMap<>();
    for (JsonSubTypes.Type type : Step.class.getAnnotation(JsonSubTypes.class).value()) {
      String op = type.value().getAnnotation(JsonTypeName.class).value();
      Map<String, String> params = new LinkedHashMap<>();
      JavaType javaType = JSON.constructType(type.value());
      BeanDescription bean = JSON.getDeserializationConfig().introspect(javaType);
      for (BeanPropertyDefinition property : bean.findProperties()) {
        if (property.hasConstructorParameter()) {
          Class<?> raw = property.getPrimaryType().getRawClass();
          params.put(property.getName(), kindOf(raw));
          if (raw.isEnum()) {
            modelValues.put(op + "." + property.getName(), wireValues(raw));
          }
        }
      }
      model.put(op, params);
    }

    assertThat(offered).isEqualTo(model);
    assertThat(offeredValues).isEqualTo(modelValues);
  }

  @Test
  void theSubmitPageOffersEveryPreset() throws IOException {
    List<String> offered = new ArrayList<>();
    catalogue().path("presets").forEach(preset -> offered.add(preset.path("name").asText()));

    assertThat(offered)
        .containsExactlyElementsOf(Arrays.stream(Preset.values()).map(Preset::wireName).toList());
  }

  private static JsonNode catalogue() throws IOException {
    try (InputStream in =
        ConsoleCatalogueTest.class.getResourceAsStream("/META-INF/resources/console/ops.json")) {
      assertThat(in).as("console/ops.json on the class path").isNotNull();
      return JSON.readTree(in);
    }
  }

  /** The console's kinds of value: a colour is a string to the API. */
  private static String kindOffered(String type) {
    return type.equals("color") ? "string" : type;
  }

  private static String kindOf(Class<?> raw) {
    if (raw == Integer.class || raw == Long.class) {
      return "integer";
    }
    if (raw == Double.class) {
      return "number";
    }
    if (raw == Boolean.class) {
      return "boolean";
    }
    if (raw.isEnum()) {
      return "enum";
    }
    return raw == String.class ? "string" : raw.getName();
  }

  private static List<String> wireValues(Class<?> enumType) {
    return Arrays.stream(enumType.getEnumConstants())
        .map(constant -> JSON.convertValue(constant, String.class))
        .toList();
  }
}
