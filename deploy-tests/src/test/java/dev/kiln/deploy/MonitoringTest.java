package dev.kiln.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * deploy/monitoring: the Grafana dashboard, the alerts and the scraping, checked against Grafana's
 * dashboard essentials, docs/operations.md (runbooks and the meters list) and the pods.
 */
class MonitoringTest {

  private static final String DASHBOARD = "deploy/monitoring/kiln-dashboard.json";
  private static final Set<String> ALERTS =
      Set.of(
          "KilnNoConsumers",
          "KilnQueueLagGrowing",
          "KilnOutboxBacklog",
          "KilnWebhookFailures",
          "KilnHighErrorRatio");

  private final Manifest prod = RenderTarget.named(RenderTarget.PROD).render();
  private final OperationsDoc doc = OperationsDoc.read();

  @Test
  void theDashboardHasGrafanasEssentials() throws IOException {
    JsonNode dashboard = dashboard();

    assertThat(CustomResourceSchemas.validate("grafana-dashboard", dashboard)).isEmpty();
    List<JsonNode> panels = new ArrayList<>();
    dashboard.path("panels").forEach(panels::add);
    assertThat(panels).extracting(p -> p.path("id").asInt()).doesNotHaveDuplicates();
    for (int i = 0; i < panels.size(); i++) {
      for (int j = i + 1; j < panels.size(); j++) {
        assertThat(overlap(panels.get(i).path("gridPos"), panels.get(j).path("gridPos")))
            .as(
                "panels %s and %s overlap",
                panels.get(i).path("title"), panels.get(j).path("title"))
            .isFalse();
      }
    }
  }

  @Test
  void prodShipsTheDashboardToGrafanasSidecar() throws IOException {
    ObjectNode configMap = prod.get("ConfigMap", "kiln-dashboard");

    assertThat(configMap.path("metadata").path("labels").path("grafana_dashboard").asText())
        .isEqualTo("1");
    assertThat(
            new ObjectMapper()
                .readTree(configMap.path("data").path("kiln-dashboard.json").asText()))
        .isEqualTo(dashboard());
  }

  @Test
  void theDashboardAndTheAlertsUseOnlyDocumentedMeters() throws IOException {
    Set<String> documented = doc.meterSeries();
    Map<String, Set<String>> unknown = new TreeMap<>();
    expressions()
        .forEach(
            (where, expr) -> {
              Set<String> names = new TreeSet<>(PromQl.metricNames(expr));
              names.removeIf(
                  name ->
                      documented.contains(name) || name.equals("up") || name.startsWith("kube_"));
              if (!names.isEmpty()) {
                unknown.put(where, names);
              }
            });

    assertThat(documented)
        .contains("kiln_jobs_submitted_total", "kiln_jobs_queue_wait_seconds_bucket");
    assertThat(unknown).as("series not in the Meters table of " + OperationsDoc.PATH).isEmpty();
  }

  @Test
  void theDashboardShowsEveryDocumentedMeter() throws IOException {
    Set<String> used = new TreeSet<>();
    dashboardExpressions().values().forEach(expr -> used.addAll(PromQl.metricNames(expr)));
    Set<String> missing = new TreeSet<>();
    for (String series : doc.meterSeries()) {
      String meter = series.replaceAll("_(bucket|count|sum|max)$", "");
      boolean shown =
          used.stream()
              .anyMatch(
                  name ->
                      name.equals(series) || name.startsWith(meter + "_") || name.equals(meter));
      if (!shown) {
        missing.add(series);
      }
    }

    assertThat(missing).isEmpty();
  }

  @Test
  void everyAlertHasASeverityASummaryADescriptionAndARunbook() {
    Set<String> names = new TreeSet<>();
    for (JsonNode rule : rules()) {
      String alert = rule.path("alert").asText();
      names.add(alert);
      assertThat(rule.path("labels").path("severity").asText())
          .as(alert)
          .isIn("critical", "warning");
      assertThat(rule.path("annotations").path("summary").asText()).as(alert).isNotBlank();
      assertThat(rule.path("annotations").path("description").asText()).as(alert).isNotBlank();
      String runbook = rule.path("annotations").path("runbook_url").asText();
      assertThat(runbook).as(alert).isEqualTo(OperationsDoc.PATH + "#" + alert.toLowerCase());
      assertThat(doc.anchors())
          .as("sections of %s", OperationsDoc.PATH)
          .contains(alert.toLowerCase());
    }

    assertThat(names).isEqualTo(ALERTS);
  }

  @Test
  void thePodMonitorScrapesTheApiAndTheWorkersOnTheirHttpPort() {
    ObjectNode monitor = prod.get("PodMonitor", "kiln");
    List<JsonNode> pods = Selectors.selectedWorkloads(prod, monitor.path("spec").path("selector"));
    JsonNode endpoint = monitor.path("spec").path("podMetricsEndpoints").get(0);

    assertThat(pods)
        .extracting(Manifest::name)
        .containsExactlyInAnyOrder("kiln-api", "kiln-worker");
    assertThat(endpoint.path("path").asText()).isEqualTo("/q/metrics");
    for (JsonNode pod : pods) {
      assertThat(
              Manifest.podSpec(pod)
                  .path("containers")
                  .get(0)
                  .path("ports")
                  .findValuesAsText("name"))
          .contains(endpoint.path("port").asText());
    }
  }

  private List<JsonNode> rules() {
    List<JsonNode> rules = new ArrayList<>();
    prod.get("PrometheusRule", "kiln")
        .path("spec")
        .path("groups")
        .forEach(g -> g.path("rules").forEach(rules::add));
    return rules;
  }

  private Map<String, String> expressions() throws IOException {
    Map<String, String> expressions = new TreeMap<>(dashboardExpressions());
    int i = 0;
    for (JsonNode rule : rules()) {
      expressions.put(
          "alert " + rule.path("alert").asText() + " #" + i++, rule.path("expr").asText());
    }
    return expressions;
  }

  private Map<String, String> dashboardExpressions() throws IOException {
    Map<String, String> expressions = new TreeMap<>();
    for (JsonNode panel : dashboard().path("panels")) {
      for (JsonNode target : panel.path("targets")) {
        expressions.put(
            "panel " + panel.path("title").asText() + " " + target.path("refId").asText(),
            target.path("expr").asText());
      }
    }
    return expressions;
  }

  private static JsonNode dashboard() throws IOException {
    return new ObjectMapper().readTree(Files.readString(Repository.path(DASHBOARD)));
  }

  private static boolean overlap(JsonNode a, JsonNode b) {
    return a.path("x").asInt() < b.path("x").asInt() + b.path("w").asInt()
        && b.path("x").asInt() < a.path("x").asInt() + a.path("w").asInt()
        && a.path("y").asInt() < b.path("y").asInt() + b.path("h").asInt()
        && b.path("y").asInt() < a.path("y").asInt() + a.path("h").asInt();
  }
}
