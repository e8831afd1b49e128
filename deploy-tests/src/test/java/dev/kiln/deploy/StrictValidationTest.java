package dev.kiln.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import org.junit.jupiter.api.Test;

/** The validation itself: what an operator's typo in deploy/ would give. */
class StrictValidationTest {

  private final Manifest prod = RenderTarget.named(RenderTarget.PROD).render();

  @Test
  void theFabric8ModelAloneKeepsAMisspeltFieldWithoutComplaint() {
    ObjectNode deployment = misspeltWorker();

    Deployment model = new KubernetesSerialization().convertValue(deployment, Deployment.class);

    assertThat(
            model
                .getSpec()
                .getTemplate()
                .getSpec()
                .getContainers()
                .get(0)
                .getAdditionalProperties())
        .containsKey("imagePullPolicyy");
  }

  @Test
  void aMisspeltFieldOfABuiltInKindIsAViolationWithItsPath() {
    assertThat(BuiltInKinds.violations(misspeltWorker()))
        .containsExactly("unknown field spec.template.spec.containers[0].imagePullPolicyy");
  }

  @Test
  void aValueOfTheWrongTypeIsAViolation() {
    ObjectNode deployment = prod.get("Deployment", "kiln-api").deepCopy();
    ((ObjectNode) deployment.path("spec")).put("revisionHistoryLimit", "five");

    assertThat(BuiltInKinds.violations(deployment))
        .singleElement()
        .asString()
        .contains("revisionHistoryLimit");
  }

  @Test
  void aMisspeltKindIsNeitherBuiltInNorAKnownCustomResource() {
    ObjectNode deployment = prod.get("Deployment", "kiln-api").deepCopy();
    deployment.put("kind", "Deploymnet");

    assertThat(BuiltInKinds.isBuiltIn(deployment)).isFalse();
    assertThat(CustomResourceSchemas.violations(deployment))
        .singleElement()
        .asString()
        .startsWith("no schema for apps/v1 Deploymnet");
  }

  @Test
  void aMisspeltFieldOfACustomResourceIsAViolation() {
    ObjectNode scaledObject = prod.get("ScaledObject", "kiln-worker").deepCopy();
    ((ObjectNode) scaledObject.path("spec")).put("maxReplicas", 12);

    assertThat(CustomResourceSchemas.violations(scaledObject))
        .singleElement()
        .asString()
        .contains("maxReplicas");
  }

  @Test
  void aMisspeltKafkaTriggerSettingIsAViolation() {
    ObjectNode scaledObject = prod.get("ScaledObject", "kiln-worker").deepCopy();
    ((ObjectNode) scaledObject.path("spec").path("triggers").get(0).path("metadata"))
        .put("lagTreshold", "12");

    assertThat(CustomResourceSchemas.violations(scaledObject))
        .singleElement()
        .asString()
        .startsWith("spec.triggers[0].metadata: ")
        .contains("lagTreshold");
  }

  @Test
  void aMisspeltAlertFieldAndAMisspeltMetadataFieldAreViolations() {
    ObjectNode rule = prod.get("PrometheusRule", "kiln").deepCopy();
    ObjectNode first = (ObjectNode) rule.path("spec").path("groups").get(0).path("rules").get(0);
    first.set("expression", first.remove("expr"));
    ((ObjectNode) rule.path("metadata")).put("lables", "x");

    assertThat(CustomResourceSchemas.violations(rule))
        .hasSize(3)
        .anySatisfy(v -> assertThat(v).contains("expression"))
        .anySatisfy(v -> assertThat(v).contains("expr"))
        .contains("metadata: unknown field lables");
  }

  private ObjectNode misspeltWorker() {
    ObjectNode deployment = prod.get("Deployment", "kiln-worker").deepCopy();
    ObjectNode container =
        (ObjectNode)
            deployment.path("spec").path("template").path("spec").path("containers").get(0);
    container.put("imagePullPolicyy", "Always");
    return deployment;
  }
}
