package dev.kiln.images;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * What both service images promise an operator (the compose file and the Kubernetes manifests rely
 * on it): the name the build was asked for, a non-root user, the Quarkus fast-jar started by {@code
 * java} from the image's PATH as PID 1, the service's port, read-only application files, a writable
 * {@code /tmp} and the OCI labels. Read from the tarball the build wrote, as {@code docker load}
 * would.
 */
abstract class ServiceImageContract {

  /** The image as read once for the class. */
  abstract ImageTar image();

  /** {@code kiln-api} or {@code kiln-worker}. */
  abstract String repository();

  /** The HTTP port (API, health, metrics). */
  abstract int port();

  JsonNode containerConfig() {
    return image().config().get("config");
  }

  Map<String, String> env() {
    Map<String, String> env = new HashMap<>();
    containerConfig()
        .get("Env")
        .forEach(
            entry -> {
              String text = entry.asText();
              env.put(text.substring(0, text.indexOf('=')), text.substring(text.indexOf('=') + 1));
            });
    return env;
  }

  @Test
  void isNamedWithTheRegistryAndTagOfTheBuild() {
    assertThat(image().repoTags()).containsExactly(KilnImages.reference(repository()));
  }

  @Test
  void isALinuxAmd64Image() {
    assertThat(image().config().get("os").asText()).isEqualTo("linux");
    assertThat(image().config().get("architecture").asText()).isEqualTo("amd64");
  }

  @Test
  void runsAsTheUnprivilegedUser10001() {
    assertThat(containerConfig().get("User").asText()).isEqualTo("10001");
  }

  @Test
  void startsTheFastJarWithJavaAsPid1() {
    List<String> entrypoint = new ArrayList<>();
    containerConfig().get("Entrypoint").forEach(arg -> entrypoint.add(arg.asText()));
    assertThat(entrypoint)
        .containsExactly(
            "/bin/sh",
            "-c",
            "exec java $JAVA_OPTS $JAVA_OPTS_APPEND -jar /deployments/quarkus-run.jar \"$@\"",
            repository());
    assertThat(
            containerConfig().path("Cmd").isMissingNode() || containerConfig().get("Cmd").isNull())
        .as("no Cmd: arguments given to the container go to the application")
        .isTrue();
    assertThat(containerConfig().get("WorkingDir").asText()).isEqualTo("/deployments");

    assertThat(image().file("/bin/sh"))
        .hasValueSatisfying(sh -> assertThat(sh.executable()).isTrue());
    List<String> javaOnPath =
        List.of(env().get("PATH").split(":")).stream()
            .filter(dir -> image().file(dir + "/java").filter(LayerEntry::executable).isPresent())
            .toList();
    assertThat(javaOnPath).as("directories of the PATH holding an executable java").isNotEmpty();
    assertThat(image().file("/deployments/quarkus-run.jar")).isPresent();
    assertThat(image().file("/deployments/quarkus/quarkus-application.dat")).isPresent();
    assertThat(image().file("/deployments/lib/boot")).isPresent();
    assertThat(image().file("/deployments/lib/main")).isPresent();
  }

  @Test
  void javaOptionsHaveTheMemorySettingsAndTheLogManager() {
    assertThat(env().get("JAVA_OPTS"))
        .contains("-XX:MaxRAMPercentage=", "-XX:+ExitOnOutOfMemoryError");
    assertThat(env().get("JAVA_OPTS_APPEND"))
        .contains("-Djava.util.logging.manager=org.jboss.logmanager.LogManager");
    assertThat(env()).containsEntry("MALLOC_ARENA_MAX", "2");
  }

  @Test
  void exposesOnlyTheServicePort() {
    List<String> ports = new ArrayList<>();
    containerConfig().get("ExposedPorts").fieldNames().forEachRemaining(ports::add);
    assertThat(ports).containsExactly(port() + "/tcp");
  }

  @Test
  void carriesTheOciLabels() {
    JsonNode labels = containerConfig().get("Labels");
    assertThat(labels.path("org.opencontainers.image.title").asText()).isEqualTo(repository());
    assertThat(labels.path("org.opencontainers.image.version").asText())
        .isEqualTo(KilnImages.version());
    assertThat(labels.path("org.opencontainers.image.licenses").asText()).isEqualTo("Apache-2.0");
    if (KilnImages.source().isEmpty()) {
      assertThat(labels.has("org.opencontainers.image.source")).isFalse();
    } else {
      assertThat(labels.path("org.opencontainers.image.source").asText())
          .isEqualTo(KilnImages.source());
    }
    assertThat(labels.path("org.opencontainers.image.description").asText()).isNotBlank();
  }

  @Test
  void theApplicationFilesBelongToRootAndAreReadOnlyForTheProcess() {
    List<LayerEntry> deployed =
        image().layers().stream()
            .flatMap(layer -> layer.values().stream())
            .filter(
                entry ->
                    entry.path().startsWith("/deployments/")
                        || entry.path().startsWith("/opt/kiln/"))
            .toList();
    assertThat(deployed).hasSizeGreaterThan(100);
    assertThat(deployed)
        .allSatisfy(
            entry -> {
              assertThat(entry.uid()).as(entry.path()).isZero();
              assertThat(entry.writableByOthers()).as(entry.path()).isFalse();
            });
  }

  @Test
  void tmpIsWritableForAReadOnlyRootFileSystemToMountOver() {
    assertThat(image().file("/tmp"))
        .hasValueSatisfying(
            tmp -> {
              assertThat(tmp.isDirectory()).isTrue();
              assertThat(tmp.mode()).isEqualTo(01777);
            });
  }

  @Test
  void dependenciesComeInALayerBeforeTheApplicationCode() {
    List<Map<String, LayerEntry>> layers = image().layers();
    int dependencies = layerHolding(layers, "/deployments/lib/main");
    int application = layerHolding(layers, "/deployments/app");
    assertThat(dependencies).isLessThan(application);
    assertThat(layers.get(application).keySet())
        .as("the application layer holds no dependency")
        .noneMatch(path -> path.startsWith("/deployments/lib/"));
  }

  private static int layerHolding(List<Map<String, LayerEntry>> layers, String prefix) {
    return IntStream.range(0, layers.size())
        .filter(
            i -> layers.get(i).keySet().stream().anyMatch(path -> path.startsWith(prefix + "/")))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no layer holds " + prefix));
  }
}
