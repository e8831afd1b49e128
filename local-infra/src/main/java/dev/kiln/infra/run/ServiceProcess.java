package dev.kiln.infra.run;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A packaged Quarkus application ({@code <module>/target/quarkus-app/quarkus-run.jar}) running as a
 * child process of this JVM, with the same {@code java}. Its output is copied to this process's
 * standard output, each line prefixed with the service name.
 */
public final class ServiceProcess implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(ServiceProcess.class);
  private static final Duration STOP_GRACE = Duration.ofSeconds(20);
  private static final Duration POLL_INTERVAL = Duration.ofMillis(250);

  private final String name;
  private final Process process;
  private final long startedNanos;
  private final Thread output;

  private ServiceProcess(String name, Process process, long startedNanos) {
    this.name = name;
    this.process = process;
    this.startedNanos = startedNanos;
    this.output = Thread.ofPlatform().daemon().name(name + "-output").unstarted(this::copyOutput);
  }

  /**
   * Starts {@code java [jvmArgs] -Dkey=value... -jar
   * <moduleDir>/target/quarkus-app/quarkus-run.jar}.
   *
   * @param name short name used as the output prefix and in messages
   * @param moduleDir the Maven module of the service, already packaged
   * @param config configuration passed as system properties
   * @param jvmArgs further JVM options, such as {@code -Xmx512m}
   */
  public static ServiceProcess start(
      String name, Path moduleDir, Map<String, String> config, List<String> jvmArgs)
      throws IOException {
    Path runJar = runJar(moduleDir);
    if (!Files.isRegularFile(runJar)) {
      throw new IOException(
          runJar + " is missing: build the services first (./mvnw package -DskipTests)");
    }
    List<String> command = new ArrayList<>();
    command.add(javaExecutable());
    command.addAll(jvmArgs);
    config.forEach((key, value) -> command.add("-D" + key + "=" + value));
    command.add("-jar");
    command.add(runJar.toString());
    return startCommand(name, command, moduleDir);
  }

  /**
   * Starts any command as a service process (output prefixed and copied, as above).
   *
   * @param directory its working directory
   */
  public static ServiceProcess startCommand(String name, List<String> command, Path directory)
      throws IOException {
    long started = System.nanoTime();
    ProcessBuilder builder =
        new ProcessBuilder(command).directory(directory.toFile()).redirectErrorStream(true);
    // Two C allocator arenas: native memory of the worker's model inferences, which run on
    // changing threads, stays flat instead of growing with an arena per thread (docs/engine.md).
    builder.environment().putIfAbsent("MALLOC_ARENA_MAX", "2");
    Process process = builder.start();
    ServiceProcess service = new ServiceProcess(name, process, started);
    service.output.start();
    return service;
  }

  /** Where the Quarkus build of {@code moduleDir} puts the runnable jar. */
  public static Path runJar(Path moduleDir) {
    return moduleDir.resolve("target/quarkus-app/quarkus-run.jar");
  }

  /** The service name given at start. */
  public String name() {
    return name;
  }

  /** The operating-system process id. */
  public long pid() {
    return process.pid();
  }

  /** Whether the process is still running. */
  public boolean isAlive() {
    return process.isAlive();
  }

  /**
   * Polls {@code healthUrl} (normally {@code /q/health/ready}) until it answers 200.
   *
   * @throws IllegalStateException if the process exits first (with its exit code) or the timeout
   *     passes
   */
  public void awaitReady(URI healthUrl, Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    try (HttpClient client = HttpClient.newBuilder().connectTimeout(POLL_INTERVAL).build()) {
      HttpRequest request =
          HttpRequest.newBuilder(healthUrl).timeout(Duration.ofSeconds(2)).build();
      while (true) {
        if (!process.isAlive()) {
          throw new IllegalStateException(
              name + " exited with code " + process.exitValue() + " before it was ready");
        }
        if (answersOk(client, request)) {
          LOG.info("{} ready on {} in {}", name, healthUrl.resolve("/"), elapsed());
          return;
        }
        if (System.nanoTime() > deadline) {
          throw new IllegalStateException(name + " was not ready after " + timeout);
        }
        Thread.sleep(POLL_INTERVAL);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("Interrupted while waiting for " + name, e);
    }
  }

  /** Completes with this process once it has exited, for whatever reason. */
  public CompletableFuture<ServiceProcess> onExit() {
    return process.onExit().thenApply(p -> this);
  }

  /** The exit code; only once the process has exited. */
  public int exitValue() {
    return process.exitValue();
  }

  /**
   * Asks the service to stop (SIGTERM: Quarkus shuts down gracefully), waits up to 20 s, then kills
   * it.
   */
  public void stop() {
    stop(STOP_GRACE);
  }

  /**
   * Asks the service to stop (SIGTERM), waits up to {@code grace} (a worker drains its running jobs
   * meanwhile), then kills it.
   */
  public void stop(Duration grace) {
    // Through the handle: Process.destroy() would also close the pipes, losing what the service
    // logs while it stops (a worker's drain).
    process.toHandle().destroy();
    try {
      if (!process.waitFor(grace.toMillis(), TimeUnit.MILLISECONDS)) {
        LOG.warn("{} did not stop within {}; killing it", name, grace);
        process.destroyForcibly().waitFor();
      }
      output.join(Duration.ofSeconds(1)); // its last lines
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      process.destroyForcibly();
    }
  }

  /**
   * Kills the service at once, as a crash would (SIGKILL: no shutdown hooks, no graceful close of
   * its connections, nothing flushed), and waits until it has exited.
   */
  public void kill() {
    process.toHandle().destroyForcibly();
    try {
      process.waitFor();
      output.join(Duration.ofSeconds(1)); // its last lines
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    LOG.info("{} killed (exit code {})", name, process.isAlive() ? "?" : process.exitValue());
  }

  /** Same as {@link #stop()}. */
  @Override
  public void close() {
    stop();
  }

  private static boolean answersOk(HttpClient client, HttpRequest request)
      throws InterruptedException {
    try {
      return client.send(request, HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
    } catch (IOException e) {
      return false; // not listening yet, or too busy starting to answer
    }
  }

  private void copyOutput() {
    String prefix = "[" + name + "] ";
    try (BufferedReader reader =
        new BufferedReader(
            new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
      String line;
      while ((line = reader.readLine()) != null) {
        System.out.println(prefix + line);
      }
    } catch (IOException e) {
      // the process is gone: nothing more to copy
    }
  }

  private String elapsed() {
    return String.format("%.1f s", (System.nanoTime() - startedNanos) / 1e9);
  }

  private static String javaExecutable() {
    return ProcessHandle.current()
        .info()
        .command()
        .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
  }
}
