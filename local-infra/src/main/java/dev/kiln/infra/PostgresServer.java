package dev.kiln.infra;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * A real PostgreSQL server (zonky's embedded binaries, started with {@code pg_ctl}) holding the
 * role and database {@code kiln}. With a data directory, the cluster survives restarts.
 */
public final class PostgresServer implements AutoCloseable {

  /** Database, owned by {@link #USER}. */
  public static final String DATABASE = "kiln";

  /** Login role of the services. */
  public static final String USER = "kiln";

  /** Password of {@link #USER}. */
  public static final String PASSWORD = "kiln";

  private static final Duration STARTUP_WAIT = Duration.ofSeconds(60);

  private final EmbeddedPostgres postgres;

  private PostgresServer(EmbeddedPostgres postgres) {
    this.postgres = postgres;
  }

  /**
   * Starts PostgreSQL and creates the role and database {@code kiln} if they are missing.
   *
   * @param port the port to listen on, 0 for a free one
   * @param dataDir the cluster directory, created on first use and reused afterwards; {@code null}
   *     for a temporary cluster removed on {@link #close()}
   * @param durable {@code fsync} and {@code synchronous_commit} on (the local run); off is faster
   *     and fine for tests
   */
  public static PostgresServer start(int port, Path dataDir, boolean durable) throws IOException {
    EmbeddedPostgres.Builder builder =
        EmbeddedPostgres.builder().setRegisterShutdownHook(false).setPGStartupWait(STARTUP_WAIT);
    if (port > 0) {
      builder.setPort(port);
    }
    if (dataDir != null) {
      Files.createDirectories(dataDir);
      stopOrphanedPostmaster(dataDir);
      builder.setDataDirectory(dataDir).setCleanDataDirectory(false);
    }
    String sync = durable ? "on" : "off";
    builder.setServerConfig("fsync", sync).setServerConfig("synchronous_commit", sync);
    EmbeddedPostgres postgres = builder.start();
    try {
      createDatabase(postgres);
    } catch (SQLException e) {
      postgres.close();
      throw new IOException("Could not create the kiln database", e);
    }
    return new PostgresServer(postgres);
  }

  /** The port PostgreSQL listens on. */
  public int port() {
    return postgres.getPort();
  }

  /** JDBC URL of the {@code kiln} database. */
  public String jdbcUrl() {
    return "jdbc:postgresql://localhost:" + port() + "/" + DATABASE;
  }

  /** Stops PostgreSQL (fast shutdown); a temporary cluster is deleted. */
  @Override
  public void close() throws IOException {
    postgres.close();
  }

  private static void createDatabase(EmbeddedPostgres postgres) throws SQLException {
    try (Connection connection = postgres.getPostgresDatabase().getConnection();
        Statement statement = connection.createStatement()) {
      if (!exists(statement, "select 1 from pg_roles where rolname = '" + USER + "'")) {
        statement.execute("create role " + USER + " login password '" + PASSWORD + "'");
      }
      if (!exists(statement, "select 1 from pg_database where datname = '" + DATABASE + "'")) {
        statement.execute("create database " + DATABASE + " owner " + USER);
      }
    }
  }

  private static boolean exists(Statement statement, String query) throws SQLException {
    try (var result = statement.executeQuery(query)) {
      return result.next();
    }
  }

  /**
   * A postmaster left running by a killed JVM (pg_ctl detaches it) holds the data directory and the
   * port; stop it before starting a new one.
   */
  private static void stopOrphanedPostmaster(Path dataDir) throws IOException {
    Path pidFile = dataDir.resolve("postmaster.pid");
    if (!Files.isRegularFile(pidFile)) {
      return;
    }
    List<String> lines = Files.readAllLines(pidFile);
    Optional<ProcessHandle> postmaster =
        lines.isEmpty() ? Optional.empty() : parsePid(lines.getFirst()).flatMap(ProcessHandle::of);
    if (postmaster.isEmpty() || !isPostgres(postmaster.get())) {
      return;
    }
    ProcessHandle process = postmaster.get();
    process.destroy();
    process.onExit().completeOnTimeout(process, 15, TimeUnit.SECONDS).join();
    if (process.isAlive()) {
      process.destroyForcibly();
    }
  }

  private static Optional<Long> parsePid(String line) {
    try {
      return Optional.of(Long.parseLong(line.strip()));
    } catch (NumberFormatException e) {
      return Optional.empty();
    }
  }

  private static boolean isPostgres(ProcessHandle process) {
    return process.isAlive()
        && process.info().command().map(command -> command.endsWith("postgres")).orElse(false);
  }
}
