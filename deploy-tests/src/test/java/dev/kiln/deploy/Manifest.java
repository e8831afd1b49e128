package dev.kiln.deploy;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** The objects of one rendered kustomization, as JSON trees. */
record Manifest(List<ObjectNode> objects) {

  /** Kinds whose {@code spec.template} is a pod template. */
  static final Set<String> WORKLOAD_KINDS =
      Set.of("Deployment", "StatefulSet", "DaemonSet", "Job", "ReplicaSet");

  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

  static Manifest parse(String yaml) {
    List<ObjectNode> objects = new ArrayList<>();
    try (JsonParser parser = YAML.getFactory().createParser(yaml)) {
      var values = YAML.readValues(parser, JsonNode.class);
      while (values.hasNextValue()) {
        JsonNode node = values.nextValue();
        if (node != null && !node.isNull() && !node.isMissingNode()) {
          objects.add((ObjectNode) node);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return new Manifest(List.copyOf(objects));
  }

  List<ObjectNode> ofKind(String kind) {
    return objects.stream().filter(object -> kind.equals(object.path("kind").asText())).toList();
  }

  Optional<ObjectNode> find(String kind, String name) {
    return ofKind(kind).stream().filter(object -> name.equals(name(object))).findFirst();
  }

  ObjectNode get(String kind, String name) {
    return find(kind, name)
        .orElseThrow(() -> new AssertionError("no " + kind + " named " + name + " rendered"));
  }

  /** Deployments, StatefulSets, Jobs, ...: the objects that run pods. */
  List<ObjectNode> workloads() {
    return objects.stream()
        .filter(object -> WORKLOAD_KINDS.contains(object.path("kind").asText()))
        .toList();
  }

  static String name(JsonNode object) {
    return object.path("metadata").path("name").asText();
  }

  static String describe(JsonNode object) {
    return object.path("kind").asText() + "/" + name(object);
  }

  static JsonNode podSpec(JsonNode workload) {
    JsonNode spec = workload.path("spec").path("template").path("spec");
    return spec.isMissingNode() ? MissingNode.getInstance() : spec;
  }

  /** The containers and init containers of a workload's pod template. */
  static List<JsonNode> containers(JsonNode workload) {
    List<JsonNode> containers = new ArrayList<>();
    podSpec(workload).path("initContainers").forEach(containers::add);
    podSpec(workload).path("containers").forEach(containers::add);
    return containers;
  }
}
