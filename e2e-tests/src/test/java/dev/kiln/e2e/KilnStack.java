package dev.kiln.e2e;

import dev.kiln.infra.InfraEndpoints;
import dev.kiln.infra.KafkaBroker;
import dev.kiln.infra.KafkaTopics;
import dev.kiln.infra.PostgresServer;
import dev.kiln.infra.S3Server;
import dev.kiln.infra.run.ServiceProcess;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The whole of Kiln for end-to-end tests: real PostgreSQL, Kafka and S3 on free ports, and the
 * packaged api-service and worker-service as child processes. Each part can be stopped and started
 * again on the same ports and data, to test outages.
 */
final class KilnStack implements AutoCloseable {

  static final String API_KEY = "kiln_sk_e2e_" + Long.toHexString(System.nanoTime());

  private final Path root = Path.of(System.getProperty("kiln.root", "..")).toAbsolutePath();
  private final Path data;
  private final int kafkaPort = freePort();
  private final int kafkaControllerPort = freePort();
  private final int apiPort = freePort();
  private final int workerPort = freePort();
  private final PostgresServer postgres;
  private final S3Server s3;
  private KafkaBroker kafka;
  private ServiceProcess api;
  private ServiceProcess worker;

  KilnStack() throws IOException {
    data = Files.createTempDirectory("kiln-e2e");
    postgres = PostgresServer.start(0, data.resolve("postgres"), false);
    s3 = S3Server.start(0, data.resolve("s3"));
    startKafka();
  }

  URI api() {
    return URI.create("http://localhost:" + apiPort);
  }

  void startKafka() throws IOException {
    kafka = KafkaBroker.start(kafkaPort, kafkaControllerPort, data.resolve("kafka"));
    KafkaTopics.ensure(kafka.bootstrapServers());
  }

  void stopKafka() {
    kafka.close();
  }

  void startApi() throws IOException {
    Map<String, String> config = new HashMap<>(infraConfig());
    config.put("quarkus.http.port", String.valueOf(apiPort));
    config.put("kiln.bootstrap.api-key", API_KEY);
    api = start("api", "api-service", config, apiPort);
  }

  void startWorker() throws IOException {
    Map<String, String> config = new HashMap<>(InfraEndpoints.withoutDatasource(infraConfig()));
    config.put("quarkus.http.port", String.valueOf(workerPort));
    worker = start("worker", "worker-service", config, workerPort);
  }

  void stopWorker() {
    worker.stop();
  }

  @Override
  public void close() throws IOException {
    if (worker != null) {
      worker.stop();
    }
    if (api != null) {
      api.stop();
    }
    kafka.close();
    s3.close();
    postgres.close();
  }

  private ServiceProcess start(String name, String module, Map<String, String> config, int port)
      throws IOException {
    ServiceProcess process =
        ServiceProcess.start(name, root.resolve(module), config, List.of("-Xmx512m"));
    process.awaitReady(
        URI.create("http://localhost:" + port + "/q/health/ready"), Duration.ofSeconds(90));
    return process;
  }

  private Map<String, String> infraConfig() {
    return new InfraEndpoints(
            postgres.port(),
            PostgresServer.DATABASE,
            PostgresServer.USER,
            PostgresServer.PASSWORD,
            "localhost:" + kafkaPort,
            s3.endpoint(),
            S3Server.REGION,
            S3Server.BUCKET,
            S3Server.ACCESS_KEY,
            S3Server.SECRET_KEY)
        .quarkusConfig();
  }

  private static int freePort() {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
