package dev.kiln.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.StreamSupport;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** What every pod of every overlay must be: non-root, bounded, probed, pinned. */
class WorkloadPolicyTest {

  /** The Kiln containers: their images and the ports of their health endpoints. */
  private static final Set<String> KILN_IMAGES = Set.of("kiln-api", "kiln-worker");

  /** A third-party image is pinned to a release: name:1.2 or name:1.2.3. */
  private static final Pattern PINNED = Pattern.compile("^[a-z0-9./-]+:\\d+\\.\\d+(\\.\\d+)?$");

  static List<RenderTarget> overlays() {
    return RenderTarget.overlays();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("overlays")
  void everyContainerRunsAsNonRootWithoutPrivileges(RenderTarget target) {
    for (ObjectNode workload : target.render().workloads()) {
      JsonNode pod = Manifest.podSpec(workload).path("securityContext");
      assertThat(pod.path("runAsUser").asInt(1))
          .as("%s runAsUser", Manifest.describe(workload))
          .isNotZero();
      for (JsonNode container : Manifest.containers(workload)) {
        String what = Manifest.describe(workload) + " " + container.path("name").asText();
        JsonNode own = container.path("securityContext");
        assertThat(own.path("runAsNonRoot").asBoolean(pod.path("runAsNonRoot").asBoolean()))
            .as("%s runAsNonRoot", what)
            .isTrue();
        assertThat(own.path("runAsUser").asInt(1)).as("%s runAsUser", what).isNotZero();
        assertThat(own.path("allowPrivilegeEscalation").asBoolean(true))
            .as("%s allowPrivilegeEscalation", what)
            .isFalse();
        assertThat(own.path("capabilities").path("drop").toString())
            .as("%s capabilities", what)
            .isEqualTo("[\"ALL\"]");
        String seccomp =
            own.path("seccompProfile")
                .path("type")
                .asText(pod.path("seccompProfile").path("type").asText());
        assertThat(seccomp).as("%s seccompProfile", what).isEqualTo("RuntimeDefault");
      }
      assertThat(Manifest.podSpec(workload).path("automountServiceAccountToken").asBoolean(true))
          .as("%s mounts a service account token", Manifest.describe(workload))
          .isFalse();
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("overlays")
  void everyContainerHasRequestsAndAMemoryLimit(RenderTarget target) {
    for (ObjectNode workload : target.render().workloads()) {
      for (JsonNode container : Manifest.containers(workload)) {
        JsonNode resources = container.path("resources");
        assertThat(
                List.of(
                    resources.path("requests").path("cpu").asText(),
                    resources.path("requests").path("memory").asText(),
                    resources.path("limits").path("memory").asText()))
            .as("%s %s resources", Manifest.describe(workload), container.path("name").asText())
            .doesNotContain("");
      }
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("overlays")
  void everyLongRunningContainerHasProbes(RenderTarget target) {
    for (ObjectNode workload : target.render().workloads()) {
      if (workload.path("kind").asText().equals("Job")) {
        continue;
      }
      for (JsonNode container : Manifest.podSpec(workload).path("containers")) {
        assertThat(
                container.has("livenessProbe")
                    && container.has("readinessProbe")
                    && container.has("startupProbe"))
            .as(
                "%s %s has startup, liveness and readiness probes",
                Manifest.describe(workload), container.path("name").asText())
            .isTrue();
      }
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("overlays")
  void kilnContainersUseTheHealthEndpointsAndAWritableTmpOnly(RenderTarget target) {
    List<ObjectNode> kiln = kilnWorkloads(target.render());
    assertThat(kiln)
        .extracting(Manifest::name)
        .containsExactlyInAnyOrder("kiln-api", "kiln-worker");
    for (ObjectNode workload : kiln) {
      JsonNode container = Manifest.podSpec(workload).path("containers").get(0);
      assertThat(container.path("livenessProbe").path("httpGet").path("path").asText())
          .isEqualTo("/q/health/live");
      assertThat(container.path("readinessProbe").path("httpGet").path("path").asText())
          .isEqualTo("/q/health/ready");
      assertThat(container.path("startupProbe").path("httpGet").path("path").asText())
          .isEqualTo("/q/health/started");
      assertThat(container.path("securityContext").path("readOnlyRootFilesystem").asBoolean())
          .isTrue();
      String tmpVolume =
          StreamSupport.stream(container.path("volumeMounts").spliterator(), false)
              .filter(mount -> mount.path("mountPath").asText().equals("/tmp"))
              .map(mount -> mount.path("name").asText())
              .findFirst()
              .orElseThrow(
                  () -> new AssertionError(Manifest.describe(workload) + " mounts no /tmp"));
      assertThat(
              StreamSupport.stream(Manifest.podSpec(workload).path("volumes").spliterator(), false)
                  .filter(volume -> volume.path("name").asText().equals(tmpVolume))
                  .allMatch(volume -> volume.has("emptyDir")))
          .as("%s /tmp is an emptyDir", Manifest.describe(workload))
          .isTrue();
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("overlays")
  void imagesAreKilnsOwnOrPinnedReleases(RenderTarget target) {
    for (ObjectNode workload : target.render().workloads()) {
      for (JsonNode container : Manifest.containers(workload)) {
        String image = container.path("image").asText();
        String repository =
            image.contains(":") ? image.substring(0, image.lastIndexOf(':')) : image;
        String last = repository.substring(repository.lastIndexOf('/') + 1);
        if (KILN_IMAGES.contains(last)) {
          assertThat(image)
              .as("%s has a tag", image)
              .matches("(.+/)?kiln-(api|worker):[A-Za-z0-9._-]+");
        } else {
          assertThat(image)
              .as("third-party image of %s", Manifest.describe(workload))
              .matches(PINNED);
        }
      }
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("overlays")
  void aStoppingWorkerDrainsItsJobsWithinItsGracePeriod(RenderTarget target) {
    Manifest manifest = target.render();
    ObjectNode worker = manifest.get("Deployment", "kiln-worker");
    JsonNode container = Manifest.podSpec(worker).path("containers").get(0);
    Duration drain = Durations.parse(env(container, "KILN_WORKER_DRAIN_TIMEOUT"));
    Duration jobTimeout =
        Durations.parse(
            manifest
                .get("ConfigMap", "kiln-worker-config")
                .path("data")
                .path("KILN_WORKER_JOB_TIMEOUT")
                .asText());
    Duration grace =
        Duration.ofSeconds(Manifest.podSpec(worker).path("terminationGracePeriodSeconds").asLong());

    assertThat(grace).isEqualTo(Duration.ofSeconds(90));
    assertThat(drain).isGreaterThanOrEqualTo(jobTimeout).isLessThan(grace);
    assertThat(env(container, "MALLOC_ARENA_MAX")).isEqualTo("2");
  }

  static List<ObjectNode> kilnWorkloads(Manifest manifest) {
    return manifest.ofKind("Deployment").stream()
        .filter(
            d ->
                Manifest.containers(d).stream()
                    .anyMatch(c -> c.path("image").asText().matches(".*/?kiln-(api|worker)(:.*)?")))
        .toList();
  }

  static String env(JsonNode container, String name) {
    return StreamSupport.stream(container.path("env").spliterator(), false)
        .filter(e -> e.path("name").asText().equals(name))
        .map(e -> e.path("value").asText())
        .findFirst()
        .orElseThrow(() -> new AssertionError(container.path("name").asText() + " has no " + name));
  }
}
