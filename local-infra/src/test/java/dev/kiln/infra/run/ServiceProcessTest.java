package dev.kiln.infra.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.OutputStream;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.jar.Attributes;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ServiceProcessTest {

  @TempDir Path moduleDir;

  @BeforeEach
  void packageFakeService() throws Exception {
    Path runJar = ServiceProcess.runJar(moduleDir);
    Files.createDirectories(runJar.getParent());
    Manifest manifest = new Manifest();
    manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
    manifest.getMainAttributes().put(Attributes.Name.MAIN_CLASS, FakeQuarkusApp.class.getName());
    URI testClasses =
        FakeQuarkusApp.class.getProtectionDomain().getCodeSource().getLocation().toURI();
    manifest.getMainAttributes().put(Attributes.Name.CLASS_PATH, testClasses.toString());
    try (OutputStream out = Files.newOutputStream(runJar);
        JarOutputStream jar = new JarOutputStream(out, manifest)) {
      jar.flush();
    }
  }

  @Test
  void startsWithItsConfigurationWaitsForReadinessAndStopsGracefully() throws Exception {
    int port = freePort();
    Path stoppedFile = moduleDir.resolve("stopped");
    ServiceProcess service =
        ServiceProcess.start(
            "fake",
            moduleDir,
            Map.of(
                "quarkus.http.port",
                String.valueOf(port),
                "fake.stopped-file",
                stoppedFile.toString()),
            List.of("-Xmx32m"));

    service.awaitReady(
        URI.create("http://localhost:" + port + "/q/health/ready"), Duration.ofSeconds(30));
    assertThat(service.isAlive()).isTrue();

    service.stop();
    assertThat(service.isAlive()).isFalse();
    assertThat(stoppedFile).hasContent("stopped");
  }

  @Test
  void killEndsTheServiceAtOnceWithoutItsShutdownHooks() throws Exception {
    int port = freePort();
    Path stoppedFile = moduleDir.resolve("stopped");
    ServiceProcess service =
        ServiceProcess.start(
            "fake",
            moduleDir,
            Map.of(
                "quarkus.http.port",
                String.valueOf(port),
                "fake.stopped-file",
                stoppedFile.toString()),
            List.of("-Xmx32m"));
    service.awaitReady(
        URI.create("http://localhost:" + port + "/q/health/ready"), Duration.ofSeconds(30));

    service.kill();

    assertThat(service.isAlive()).isFalse();
    assertThat(ProcessHandle.of(service.pid())).isEmpty();
    assertThat(stoppedFile).doesNotExist(); // SIGKILL: the shutdown hook never ran
  }

  @Test
  void failsFastWithTheExitCodeWhenTheServiceDies() throws Exception {
    ServiceProcess service =
        ServiceProcess.start("doomed", moduleDir, Map.of("fake.exit-code", "3"), List.of());

    assertThatThrownBy(
            () ->
                service.awaitReady(
                    URI.create("http://localhost:" + freePort() + "/q/health/ready"),
                    Duration.ofSeconds(30)))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("doomed exited with code 3 before it was ready");
  }

  @Test
  void refusesAModuleThatIsNotPackaged(@TempDir Path emptyModule) {
    assertThatThrownBy(() -> ServiceProcess.start("api", emptyModule, Map.of(), List.of()))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("quarkus-run.jar is missing");
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }
}
