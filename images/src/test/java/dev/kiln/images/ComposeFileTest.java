package dev.kiln.images;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/**
 * docker-compose.yml, read as Compose reads it (YAML with its anchors and merge keys resolved):
 * there is no Docker engine in CI to run it, so its structure is checked against the images and the
 * services it starts.
 */
class ComposeFileTest {

  private static Map<String, Map<String, Object>> services;

  @BeforeAll
  @SuppressWarnings("unchecked")
  static void readComposeFile() throws IOException {
    try (Reader in = Files.newBufferedReader(KilnImages.root().resolve("docker-compose.yml"))) {
      Map<String, Object> compose = new Yaml().load(in);
      services = (Map<String, Map<String, Object>>) compose.get("services");
    }
  }

  @Test
  void startsTheInfrastructureTheApiAndTheWorker() {
    assertThat(services)
        .containsOnlyKeys("postgres", "kafka", "kafka-init", "s3", "s3-init", "api", "worker");
  }

  @Test
  void runsTheImagesTheBuildMakesUnderTheRegistryAndTagOfKilnRegistryAndKilnTag() {
    for (String service : List.of("api", "worker")) {
      assertThat(services.get(service).get("image"))
          .as(service)
          .isEqualTo(
              "${KILN_REGISTRY:-kiln}/kiln-"
                  + service
                  + ":${KILN_TAG:-"
                  + KilnImages.version()
                  + "}");
      assertThat(services.get(service))
          .as(service + " is never built by Compose")
          .doesNotContainKey("build");
    }
  }

  @Test
  void dependenciesWaitForHealthyServersAndFinishedOneShotJobs() {
    services.forEach(
        (name, service) ->
            dependencies(service)
                .forEach(
                    (dependency, condition) -> {
                      assertThat(services)
                          .as(name + " depends on " + dependency)
                          .containsKey(dependency);
                      Map<String, Object> target = services.get(dependency);
                      switch (condition) {
                        case "service_healthy" ->
                            assertThat(target)
                                .as(dependency + " has a healthcheck")
                                .containsKey("healthcheck");
                        case "service_completed_successfully" ->
                            assertThat(target.get("restart"))
                                .as(dependency + " runs once")
                                .isEqualTo("no");
                        case "service_started" -> {}
                        default ->
                            throw new AssertionError(name + ": unknown condition " + condition);
                      }
                    }));
    assertThat(dependencies(services.get("api")))
        .containsEntry("postgres", "service_healthy")
        .containsEntry("kafka", "service_healthy")
        .containsEntry("kafka-init", "service_completed_successfully")
        .containsEntry("s3-init", "service_completed_successfully");
    assertThat(dependencies(services.get("worker")))
        .containsEntry("kafka", "service_healthy")
        .containsEntry("kafka-init", "service_completed_successfully")
        .containsEntry("s3-init", "service_completed_successfully");
  }

  @Test
  void theServicesHealthchecksAskTheirReadinessOnTheirOwnPort() {
    assertThat(String.join(" ", healthcheck("api")))
        .contains("/dev/tcp/127.0.0.1/8080", "GET /q/health/ready");
    assertThat(String.join(" ", healthcheck("worker")))
        .contains("/dev/tcp/127.0.0.1/8081", "GET /q/health/ready");
    assertThat((List<?>) services.get("api").get("ports"))
        .anySatisfy(port -> assertThat(port.toString()).endsWith(":8080"));
  }

  @Test
  void everyEnvironmentVariableOfTheApiIsAKeyTheApiReads() throws IOException {
    ServiceConfigKeys keys = ServiceConfigKeys.of(KilnImages.root().resolve("api-service"));
    assertThat(environment("api").keySet())
        .isNotEmpty()
        .allSatisfy(name -> assertThat(keys.reads(name)).as(name).isTrue());
  }

  @Test
  void everyEnvironmentVariableOfTheWorkerIsAKeyTheWorkerReads() throws IOException {
    ServiceConfigKeys keys = ServiceConfigKeys.of(KilnImages.root().resolve("worker-service"));
    assertThat(environment("worker").keySet())
        .isNotEmpty()
        .allSatisfy(name -> assertThat(keys.reads(name)).as(name).isTrue());
  }

  @SuppressWarnings("unchecked")
  private static Map<String, String> dependencies(Map<String, Object> service) {
    Object dependsOn = service.getOrDefault("depends_on", Map.of());
    if (dependsOn instanceof List<?> names) {
      return names.stream().collect(Collectors.toMap(Object::toString, n -> "service_started"));
    }
    Map<String, String> conditions = new HashMap<>();
    ((Map<String, Map<String, Object>>) dependsOn)
        .forEach((name, spec) -> conditions.put(name, String.valueOf(spec.get("condition"))));
    return conditions;
  }

  @SuppressWarnings("unchecked")
  private static List<String> healthcheck(String service) {
    return (List<String>)
        ((Map<String, Object>) services.get(service).get("healthcheck")).get("test");
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> environment(String service) {
    return (Map<String, Object>) services.get(service).get("environment");
  }
}
