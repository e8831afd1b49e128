package dev.kiln.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * overlays/dev is a complete trial: everything its pods reach or read is in the overlay itself, and
 * it needs nothing beyond a plain cluster (no custom resources).
 */
class DevOverlayTest {

  /** host:port in a setting: a URL's authority, or a bootstrap server list entry. */
  private static final Pattern HOST_PORT = Pattern.compile("([a-z0-9.-]+):(\\d+)");

  private final Manifest dev = RenderTarget.named(RenderTarget.DEV).render();

  @Test
  void everyObjectIsABuiltInKind() {
    assertThat(dev.objects())
        .allSatisfy(object -> assertThat(BuiltInKinds.isBuiltIn(object)).isTrue());
  }

  @Test
  void everyServerTheSettingsNameIsAServiceOfTheOverlayWithThatPort() {
    Map<String, String> settings =
        Map.of(
            "KAFKA_BOOTSTRAP_SERVERS", data("kiln-config", "KAFKA_BOOTSTRAP_SERVERS"),
            "QUARKUS_S3_ENDPOINT_OVERRIDE",
                URI.create(data("kiln-config", "QUARKUS_S3_ENDPOINT_OVERRIDE")).getAuthority(),
            "QUARKUS_DATASOURCE_REACTIVE_URL",
                data("kiln-api-config", "QUARKUS_DATASOURCE_REACTIVE_URL"),
            "QUARKUS_DATASOURCE_JDBC_URL", data("kiln-api-config", "QUARKUS_DATASOURCE_JDBC_URL"),
            "KAFKA_ADVERTISED_LISTENERS", env("kiln-kafka", "KAFKA_ADVERTISED_LISTENERS"));

    settings.forEach(
        (key, value) -> {
          Matcher server = HOST_PORT.matcher(value);
          assertThat(server.find()).as("%s names a server: %s", key, value).isTrue();
          ObjectNode service = dev.get("Service", server.group(1));
          assertThat(service.path("spec").path("ports").findValuesAsText("port"))
              .as("%s: port of Service %s", key, server.group(1))
              .contains(server.group(2));
        });
  }

  @Test
  void everyServiceSelectsPodsThatHaveItsTargetPorts() {
    for (ObjectNode service : dev.ofKind("Service")) {
      ObjectNode selector = JsonNodeFactory.instance.objectNode();
      selector.set("matchLabels", service.path("spec").path("selector"));
      List<JsonNode> pods = Selectors.selectedWorkloads(dev, selector);
      assertThat(pods).as("pods of Service %s", Manifest.name(service)).hasSize(1);
      List<String> portNames =
          Manifest.podSpec(pods.get(0)).path("containers").findValues("ports").stream()
              .flatMap(ports -> ports.findValuesAsText("name").stream())
              .toList();
      assertThat(service.path("spec").path("ports").findValuesAsText("targetPort"))
          .as("target ports of Service %s", Manifest.name(service))
          .isNotEmpty()
          .allSatisfy(port -> assertThat(portNames).contains(port));
    }
    for (ObjectNode statefulSet : dev.ofKind("StatefulSet")) {
      assertThat(dev.find("Service", statefulSet.path("spec").path("serviceName").asText()))
          .isPresent();
    }
  }

  @Test
  void everySecretAndConfigMapThePodsReadIsInTheOverlayWithItsKeys() {
    for (ObjectNode workload : dev.workloads()) {
      for (JsonNode container : Manifest.containers(workload)) {
        for (JsonNode ref : container.findValues("secretKeyRef")) {
          if (!ref.path("optional").asBoolean()) {
            assertThat(keys("Secret", ref.path("name").asText()))
                .as("%s reads Secret %s", Manifest.describe(workload), ref.path("name").asText())
                .contains(ref.path("key").asText());
          }
        }
        for (JsonNode ref : container.findValues("configMapKeyRef")) {
          assertThat(keys("ConfigMap", ref.path("name").asText()))
              .contains(ref.path("key").asText());
        }
        for (JsonNode ref : container.path("envFrom").findValues("configMapRef")) {
          assertThat(dev.find("ConfigMap", ref.path("name").asText())).isPresent();
        }
      }
      String account = Manifest.podSpec(workload).path("serviceAccountName").asText("");
      if (!account.isEmpty()) {
        assertThat(dev.find("ServiceAccount", account)).isPresent();
      }
    }
  }

  @Test
  void thereIsOneApiAndOneWorker() {
    assertThat(dev.get("Deployment", "kiln-api").path("spec").path("replicas").asInt())
        .isEqualTo(1);
    assertThat(dev.get("Deployment", "kiln-worker").path("spec").path("replicas").asInt())
        .isEqualTo(1);
  }

  private String data(String configMap, String key) {
    return dev.get("ConfigMap", configMap).path("data").path(key).asText();
  }

  private String env(String statefulSet, String name) {
    JsonNode container =
        Manifest.podSpec(dev.get("StatefulSet", statefulSet)).path("containers").get(0);
    return WorkloadPolicyTest.env(container, name);
  }

  private Set<String> keys(String kind, String name) {
    ObjectNode object = dev.get(kind, name);
    Set<String> keys = new TreeSet<>();
    object.path("data").fieldNames().forEachRemaining(keys::add);
    object.path("stringData").fieldNames().forEachRemaining(keys::add);
    return keys;
  }
}
