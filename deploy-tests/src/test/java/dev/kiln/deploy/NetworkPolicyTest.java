package dev.kiln.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * prod's NetworkPolicies: nothing in or out by default; the workers reach only DNS, Kafka, S3 and
 * public addresses; the API also PostgreSQL; clients reach the API and Prometheus the metrics.
 */
class NetworkPolicyTest {

  private static final List<String> PRIVATE_RANGES =
      List.of(
          "10.0.0.0/8",
          "172.16.0.0/12",
          "192.168.0.0/16",
          "100.64.0.0/10",
          "169.254.0.0/16",
          "127.0.0.0/8");

  private final Manifest prod = RenderTarget.named(RenderTarget.PROD).render();

  @Test
  void everythingIsDeniedByDefault() {
    assertThat(prod.ofKind("NetworkPolicy"))
        .anySatisfy(
            policy -> {
              assertThat(policy.path("spec").path("podSelector").isEmpty()).isTrue();
              assertThat(policy.path("spec").path("policyTypes").toString())
                  .isEqualTo("[\"Ingress\",\"Egress\"]");
              assertThat(policy.path("spec").has("ingress") || policy.path("spec").has("egress"))
                  .isFalse();
            });
  }

  @Test
  void theWorkersReachOnlyDnsKafkaS3AndPublicAddresses() {
    List<String> destinations = egressOf("worker");

    assertThat(destinations)
        .containsExactlyInAnyOrder(
            "namespace kube-system pods kube-dns ports 53/UDP 53/TCP",
            "namespace kafka ports 9092/TCP 9093/TCP",
            "public addresses ports 443/TCP",
            "public addresses ports any");
  }

  @Test
  void theApiAlsoReachesPostgresql() {
    assertThat(egressOf("api"))
        .containsExactlyInAnyOrder(
            "namespace kube-system pods kube-dns ports 53/UDP 53/TCP",
            "namespace databases ports 5432/TCP",
            "namespace kafka ports 9092/TCP 9093/TCP",
            "public addresses ports 443/TCP",
            "public addresses ports any");
  }

  @Test
  void theTopicsJobReachesOnlyDnsAndKafka() {
    assertThat(egressOf("kafka-topics"))
        .containsExactlyInAnyOrder(
            "namespace kube-system pods kube-dns ports 53/UDP 53/TCP",
            "namespace kafka ports 9092/TCP 9093/TCP");
  }

  @Test
  void clientsReachTheApiAndTheMonitoringNamespaceTheMetrics() {
    assertThat(ingressOf("api"))
        .containsExactlyInAnyOrder(
            "anywhere ports 8080/TCP", "namespace monitoring ports 8080/TCP 8081/TCP");
    assertThat(ingressOf("worker")).containsExactly("namespace monitoring ports 8080/TCP 8081/TCP");
  }

  private List<String> egressOf(String component) {
    return rulesOf(component, "Egress", "egress", "to");
  }

  private List<String> ingressOf(String component) {
    return rulesOf(component, "Ingress", "ingress", "from");
  }

  /** Every peer of every rule of the policies that apply to a component's pods, described. */
  private List<String> rulesOf(String component, String type, String rules, String peers) {
    JsonNode labels = podLabels(component);
    List<String> described = new ArrayList<>();
    for (ObjectNode policy : prod.ofKind("NetworkPolicy")) {
      JsonNode spec = policy.path("spec");
      boolean applies =
          spec.path("podSelector").isEmpty() || Selectors.matches(spec.path("podSelector"), labels);
      if (!applies || !spec.path("policyTypes").toString().contains(type)) {
        continue;
      }
      for (JsonNode rule : spec.path(rules)) {
        String ports = ports(rule.path("ports"));
        if (!rule.has(peers)) {
          described.add("anywhere ports " + ports);
        }
        for (JsonNode peer : rule.path(peers)) {
          described.add(peer(peer) + " ports " + ports);
        }
      }
    }
    return described;
  }

  private JsonNode podLabels(String component) {
    return prod.workloads().stream()
        .map(w -> w.path("spec").path("template").path("metadata").path("labels"))
        .filter(labels -> labels.path("app.kubernetes.io/component").asText().equals(component))
        .findFirst()
        .orElseThrow();
  }

  private static String peer(JsonNode peer) {
    if (peer.has("ipBlock")) {
      JsonNode block = peer.path("ipBlock");
      List<String> except = new ArrayList<>();
      block.path("except").forEach(range -> except.add(range.asText()));
      assertThat(block.path("cidr").asText()).isEqualTo("0.0.0.0/0");
      assertThat(except)
          .as("private ranges excluded")
          .containsExactlyInAnyOrderElementsOf(PRIVATE_RANGES);
      return "public addresses";
    }
    String namespace =
        "namespace "
            + peer.path("namespaceSelector")
                .path("matchLabels")
                .path("kubernetes.io/metadata.name")
                .asText();
    JsonNode pods = peer.path("podSelector").path("matchLabels");
    return pods.isEmpty() ? namespace : namespace + " pods " + pods.path("k8s-app").asText();
  }

  private static String ports(JsonNode ports) {
    if (ports.isEmpty()) {
      return "any";
    }
    List<String> described = new ArrayList<>();
    ports.forEach(
        port -> described.add(port.path("port").asText() + "/" + port.path("protocol").asText()));
    return String.join(" ", described);
  }
}
