package dev.kiln.infra;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Kiln's infrastructure in one object: PostgreSQL, a Kafka broker with Kiln's topics and an S3
 * server with Kiln's bucket, started in parallel and stopped in reverse order.
 *
 * <pre>{@code
 * try (LocalInfra infra = LocalInfra.start(InfraOptions.ephemeral())) {
 *   Map<String, String> config = infra.endpoints().quarkusConfig();
 * }
 * }</pre>
 */
public final class LocalInfra implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(LocalInfra.class);

  private final PostgresServer postgres;
  private final KafkaBroker kafka;
  private final S3Server s3;

  private LocalInfra(PostgresServer postgres, KafkaBroker kafka, S3Server s3) {
    this.postgres = postgres;
    this.kafka = kafka;
    this.s3 = s3;
  }

  /**
   * Starts the three servers in parallel and returns when all are ready. If one fails, the others
   * are stopped again.
   */
  public static LocalInfra start(InfraOptions options) {
    InfraLogging.quietServers();
    try (ExecutorService executor = Executors.newFixedThreadPool(3, LocalInfra::startThread)) {
      Future<PostgresServer> postgres =
          executor.submit(
              () ->
                  timed(
                      "PostgreSQL",
                      () ->
                          PostgresServer.start(
                              options.postgresPort(), options.postgresDir(), options.durable()),
                      server -> "localhost:" + server.port(),
                      options.postgresDir()));
      Future<KafkaBroker> kafka =
          executor.submit(
              () ->
                  timed(
                      "Kafka",
                      () -> startKafka(options),
                      KafkaBroker::bootstrapServers,
                      options.kafkaDir()));
      Future<S3Server> s3 =
          executor.submit(
              () ->
                  timed(
                      "S3",
                      () -> S3Server.start(options.s3Port(), options.s3Dir()),
                      server -> server.endpoint().toString(),
                      options.s3Dir()));
      return assemble(postgres, kafka, s3);
    }
  }

  /** Where the servers listen, and the credentials. */
  public InfraEndpoints endpoints() {
    return new InfraEndpoints(
        postgres.port(),
        PostgresServer.DATABASE,
        PostgresServer.USER,
        PostgresServer.PASSWORD,
        kafka.bootstrapServers(),
        s3.endpoint(),
        S3Server.REGION,
        S3Server.BUCKET,
        S3Server.ACCESS_KEY,
        S3Server.SECRET_KEY);
  }

  /** Stops S3, Kafka, then PostgreSQL; a failure to stop one does not keep the others running. */
  @Override
  public void close() {
    long started = System.nanoTime();
    closeQuietly("S3", s3);
    closeQuietly("Kafka", kafka);
    closeQuietly("PostgreSQL", postgres);
    LOG.info("Infrastructure stopped in {}", elapsed(started));
  }

  private static KafkaBroker startKafka(InfraOptions options) throws IOException {
    KafkaBroker broker =
        KafkaBroker.start(options.kafkaPort(), options.kafkaControllerPort(), options.kafkaDir());
    try {
      KafkaTopics.ensure(broker.bootstrapServers());
      return broker;
    } catch (RuntimeException e) {
      broker.close();
      throw e;
    }
  }

  private static LocalInfra assemble(
      Future<PostgresServer> postgres, Future<KafkaBroker> kafka, Future<S3Server> s3) {
    List<AutoCloseable> started = new ArrayList<>();
    List<Throwable> failures = new ArrayList<>();
    PostgresServer pg = collect(postgres, started, failures);
    KafkaBroker broker = collect(kafka, started, failures);
    S3Server storage = collect(s3, started, failures);
    if (failures.isEmpty()) {
      return new LocalInfra(pg, broker, storage);
    }
    started.reversed().forEach(server -> closeQuietly(server.getClass().getSimpleName(), server));
    IllegalStateException failure =
        new IllegalStateException("Kiln's infrastructure did not start", failures.getFirst());
    failures.stream().skip(1).forEach(failure::addSuppressed);
    throw failure;
  }

  private static <T extends AutoCloseable> T collect(
      Future<T> future, List<AutoCloseable> started, List<Throwable> failures) {
    try {
      T server = future.get();
      started.add(server);
      return server;
    } catch (ExecutionException e) {
      failures.add(e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      failures.add(e);
    }
    return null;
  }

  private static <T> T timed(
      String name, Callable<T> start, Function<T, String> address, Path dataDir) throws Exception {
    long started = System.nanoTime();
    T server = start.call();
    LOG.info(
        "{} ready on {} in {} ({})",
        name,
        address.apply(server),
        elapsed(started),
        dataDir == null ? "temporary data" : "data in " + dataDir);
    return server;
  }

  private static String elapsed(long startNanos) {
    Duration elapsed = Duration.ofNanos(System.nanoTime() - startNanos);
    return String.format("%.1f s", elapsed.toMillis() / 1000.0);
  }

  private static void closeQuietly(String name, AutoCloseable server) {
    try {
      server.close();
    } catch (Exception e) {
      LOG.warn("{} did not stop cleanly", name, e);
    }
  }

  private static Thread startThread(Runnable task) {
    Thread thread = new Thread(task, "kiln-infra-start");
    thread.setDaemon(true);
    // Threads the servers start inherit it: Kafka loads its plugin classes through it.
    thread.setContextClassLoader(LocalInfra.class.getClassLoader());
    return thread;
  }
}
