package dev.kiln.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every object that `kubectl kustomize` renders, for the base, every overlay and overlays/prod with
 * each component, is valid for its kind: built-in kinds through the fabric8 model with no unknown
 * field, custom resources against their CRD's strict schema.
 */
class ManifestValidityTest {

  static List<RenderTarget> targets() {
    return RenderTarget.all();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("targets")
  void everyObjectIsValidForItsKind(RenderTarget target) {
    Manifest manifest = target.render();
    Map<String, List<String>> violations = new TreeMap<>();
    for (ObjectNode object : manifest.objects()) {
      List<String> found =
          BuiltInKinds.isBuiltIn(object)
              ? BuiltInKinds.violations(object)
              : CustomResourceSchemas.violations(object);
      if (!found.isEmpty()) {
        violations.put(Manifest.describe(object), found);
      }
    }

    assertThat(manifest.objects()).isNotEmpty();
    assertThat(violations).as("invalid objects in %s", target).isEmpty();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("targets")
  void everyObjectIsInTheKilnNamespaceOnce(RenderTarget target) {
    List<String> seen = new ArrayList<>();
    for (ObjectNode object : target.render().objects()) {
      String kind = object.path("kind").asText();
      if (!kind.equals("Namespace")) {
        assertThat(object.path("metadata").path("namespace").asText())
            .as("namespace of %s", Manifest.describe(object))
            .isEqualTo("kiln");
      }
      seen.add(Manifest.describe(object));
    }

    assertThat(seen).doesNotHaveDuplicates();
  }
}
