package dev.kiln.images;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The worker image started as a container engine starts it, on a read-only root file system with a
 * writable {@code /tmp} only, as user 10001: its base runs the JVM, JavaCPP unpacks and loads the
 * OpenCV natives, ONNX Runtime loads the baked-in model, and the process answers its liveness
 * check. No Kafka or S3 is needed for that (the broker address leads nowhere). Runs where the test
 * JVM is root (CI), skipped elsewhere.
 */
class WorkerImageRunIT {

  private static final Duration START_TIMEOUT = Duration.ofSeconds(120);

  @Test
  void startsOnAReadOnlyRootWithTheNativesAndTheModelLoaded(@TempDir Path dir) throws Exception {
    assumeTrue(ContainerRun.possible(), "needs root, unshare and chroot");
    int port = freePort();
    Map<String, String> env =
        Map.of(
            "QUARKUS_HTTP_PORT", String.valueOf(port),
            "KAFKA_BOOTSTRAP_SERVERS", "127.0.0.1:" + freePort(),
            "QUARKUS_S3_ENDPOINT_OVERRIDE", "http://127.0.0.1:" + freePort(),
            "QUARKUS_S3_AWS_REGION", "us-east-1",
            "QUARKUS_S3_AWS_CREDENTIALS_TYPE", "static",
            "QUARKUS_S3_AWS_CREDENTIALS_STATIC_PROVIDER_ACCESS_KEY_ID", "kiln",
            "QUARKUS_S3_AWS_CREDENTIALS_STATIC_PROVIDER_SECRET_ACCESS_KEY", "kiln-secret-key");
    try (ContainerRun worker = ContainerRun.start(KilnImages.tar("kiln-worker"), dir, env)) {
      HttpResponse<String> live = awaitLive(worker, port);

      assertThat(live.statusCode()).as(worker.output()).isEqualTo(200);
      assertThat(live.body()).contains("\"status\": \"UP\"");
      assertThat(worker.output())
          .contains("OpenCV 4.11.0")
          .contains("Cut-out model /opt/kiln/models/u2netp/model.onnx loaded")
          .doesNotContain("Read-only file system");
    }
  }

  private static HttpResponse<String> awaitLive(ContainerRun worker, int port) throws Exception {
    HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    HttpRequest request =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/q/health/live"))
            .timeout(Duration.ofSeconds(5))
            .build();
    Instant deadline = Instant.now().plus(START_TIMEOUT);
    while (Instant.now().isBefore(deadline)) {
      assertThat(worker.alive()).as("the worker exited:%n%s", worker.output()).isTrue();
      try {
        return http.send(request, HttpResponse.BodyHandlers.ofString());
      } catch (IOException notYet) {
        Thread.sleep(500);
      }
    }
    throw new AssertionError("not live within " + START_TIMEOUT + ":\n" + worker.output());
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }
}
