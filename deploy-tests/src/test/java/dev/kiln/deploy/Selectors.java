package dev.kiln.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** Kubernetes label selectors ({@code matchLabels}, {@code matchExpressions}) against labels. */
final class Selectors {

  private Selectors() {}

  static boolean matches(JsonNode selector, JsonNode labels) {
    if (selector.isMissingNode() || selector.isNull()) {
      return false;
    }
    var matchLabels = selector.path("matchLabels").properties();
    for (var entry : matchLabels) {
      if (!entry.getValue().asText().equals(labels.path(entry.getKey()).asText(null))) {
        return false;
      }
    }
    for (JsonNode expression : selector.path("matchExpressions")) {
      String value = labels.path(expression.path("key").asText()).asText(null);
      Set<String> values = new HashSet<>();
      expression.path("values").forEach(v -> values.add(v.asText()));
      boolean ok =
          switch (expression.path("operator").asText()) {
            case "In" -> value != null && values.contains(value);
            case "NotIn" -> value == null || !values.contains(value);
            case "Exists" -> value != null;
            case "DoesNotExist" -> value == null;
            default -> throw new IllegalArgumentException("operator " + expression);
          };
      if (!ok) {
        return false;
      }
    }
    return true;
  }

  /** The workloads of a manifest whose pod template labels a selector matches. */
  static List<JsonNode> selectedWorkloads(Manifest manifest, JsonNode selector) {
    return manifest.workloads().stream()
        .map(JsonNode.class::cast)
        .filter(
            w -> matches(selector, w.path("spec").path("template").path("metadata").path("labels")))
        .toList();
  }
}
