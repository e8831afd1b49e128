package dev.kiln.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Autoscalers own the replica counts; prod scales the API on CPU and the workers on the lag. */
class ScalingPolicyTest {

  private final Manifest prod = RenderTarget.named(RenderTarget.PROD).render();

  static List<RenderTarget> overlays() {
    return RenderTarget.overlays();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("overlays")
  void anAutoscaledDeploymentSetsNoReplicasAndHasOneAutoscaler(RenderTarget target) {
    Manifest manifest = target.render();
    List<String> scaled = autoscaledDeployments(manifest);

    assertThat(scaled).doesNotHaveDuplicates();
    for (String name : scaled) {
      assertThat(manifest.get("Deployment", name).path("spec").has("replicas"))
          .as("%s: Deployment %s is autoscaled and must not set replicas", target, name)
          .isFalse();
    }
  }

  @Test
  void prodScalesTheApiOnCpuAndTheWorkersOnTheLagOfKilnWorkersOnKilnJobs() {
    ObjectNode hpa = prod.get("HorizontalPodAutoscaler", "kiln-api");
    JsonNode trigger = prod.get("ScaledObject", "kiln-worker").path("spec").path("triggers").get(0);
    JsonNode worker =
        Manifest.podSpec(prod.get("Deployment", "kiln-worker")).path("containers").get(0);

    assertThat(autoscaledDeployments(prod)).containsExactlyInAnyOrder("kiln-api", "kiln-worker");
    assertThat(hpa.path("spec").path("metrics").get(0).path("resource").path("name").asText())
        .isEqualTo("cpu");
    assertThat(trigger.path("type").asText()).isEqualTo("kafka");
    assertThat(trigger.path("metadata").path("consumerGroup").asText()).isEqualTo("kiln-workers");
    assertThat(trigger.path("metadata").path("topic").asText()).isEqualTo("kiln.jobs");
    String bootstrapFrom = trigger.path("metadata").path("bootstrapServersFromEnv").asText();
    assertThat(worker.path("envFrom").findValuesAsText("name")).contains("kiln-config");
    assertThat(prod.get("ConfigMap", "kiln-config").path("data").has(bootstrapFrom))
        .as("the worker's environment has %s", bootstrapFrom)
        .isTrue();
  }

  @Test
  void theWorkersNeverOutnumberThePartitionsOfKilnJobs() {
    JsonNode topics =
        Manifest.podSpec(prod.get("Job", "kiln-kafka-topics")).path("containers").get(0);
    int partitions = Integer.parseInt(WorkloadPolicyTest.env(topics, "JOBS_PARTITIONS"));

    assertThat(prod.get("ScaledObject", "kiln-worker").path("spec").path("maxReplicaCount").asInt())
        .isBetween(1, partitions);
    Manifest cpu =
        RenderTarget.named(RenderTarget.PROD + "+components/worker-cpu-autoscaling").render();
    assertThat(cpu.find("ScaledObject", "kiln-worker")).isEmpty();
    assertThat(
            cpu.get("HorizontalPodAutoscaler", "kiln-worker")
                .path("spec")
                .path("maxReplicas")
                .asInt())
        .isBetween(1, partitions);
  }

  @Test
  void prodHasDisruptionBudgetsForTheApiAndTheWorkers() {
    for (String name : List.of("kiln-api", "kiln-worker")) {
      JsonNode selector = prod.get("PodDisruptionBudget", name).path("spec").path("selector");
      assertThat(Selectors.selectedWorkloads(prod, selector))
          .extracting(Manifest::name)
          .containsExactly(name);
    }
  }

  @Test
  void withKafkaSaslKedaLogsInWithTheServicesUser() {
    Manifest sasl = RenderTarget.named(RenderTarget.PROD + "+components/kafka-sasl").render();
    JsonNode trigger = sasl.get("ScaledObject", "kiln-worker").path("spec").path("triggers").get(0);
    ObjectNode auth =
        sasl.get("TriggerAuthentication", trigger.path("authenticationRef").path("name").asText());

    assertThat(trigger.path("metadata").path("sasl").asText()).isEqualTo("scram_sha512");
    assertThat(auth.path("spec").path("secretTargetRef").findValuesAsText("name"))
        .containsOnly("kiln-kafka-sasl");
    for (String name : List.of("kiln-api", "kiln-worker")) {
      JsonNode container = Manifest.podSpec(sasl.get("Deployment", name)).path("containers").get(0);
      assertThat(WorkloadPolicyTest.env(container, "KAFKA_SASL_MECHANISM"))
          .isEqualTo("SCRAM-SHA-512");
    }
  }

  /** The Deployments that an HPA or a KEDA ScaledObject scales, once per autoscaler. */
  static List<String> autoscaledDeployments(Manifest manifest) {
    List<String> names = new ArrayList<>();
    for (ObjectNode hpa : manifest.ofKind("HorizontalPodAutoscaler")) {
      JsonNode ref = hpa.path("spec").path("scaleTargetRef");
      if (ref.path("kind").asText().equals("Deployment")) {
        names.add(ref.path("name").asText());
      }
    }
    for (ObjectNode scaledObject : manifest.ofKind("ScaledObject")) {
      JsonNode ref = scaledObject.path("spec").path("scaleTargetRef");
      if (ref.path("kind").asText("Deployment").equals("Deployment")) {
        names.add(ref.path("name").asText());
      }
    }
    return names;
  }
}
