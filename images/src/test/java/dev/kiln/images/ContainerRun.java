package dev.kiln.images;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Runs an image tarball's entrypoint without a container engine, as an engine would: the layers
 * unpacked in order into a root file system, which is mounted read-only, with a fresh {@code
 * /proc}, a tmpfs on {@code /tmp} and the host's {@code /dev}, in new mount and PID namespaces (the
 * process is PID 1 and everything dies with it), as the image's user, in its working directory,
 * with only its environment and the one given. The host's network is shared. Needs root and
 * util-linux's {@code unshare}; GNU tar unpacks the layers.
 */
final class ContainerRun implements AutoCloseable {

  private static final ObjectMapper JSON = new ObjectMapper();

  private final Process process;
  private final Path log;

  private ContainerRun(Process process, Path log) {
    this.process = process;
    this.log = log;
  }

  /** Whether this machine can run images this way (root, unshare, chroot and tar present). */
  static boolean possible() {
    return "root".equals(System.getProperty("user.name"))
        && Files.isExecutable(Path.of("/usr/bin/unshare"))
        && Files.isExecutable(Path.of("/usr/sbin/chroot"))
        && Files.isExecutable(Path.of("/usr/bin/tar"));
  }

  /** Unpacks the image into {@code dir}/rootfs and starts its entrypoint there. */
  static ContainerRun start(Path imageTar, Path dir, Map<String, String> extraEnv)
      throws IOException, InterruptedException {
    Path image = Files.createDirectories(dir.resolve("image"));
    Path rootfs = Files.createDirectories(dir.resolve("rootfs"));
    run(List.of("tar", "-xf", imageTar.toString(), "-C", image.toString()));
    JsonNode manifest = JSON.readTree(image.resolve("manifest.json").toFile()).get(0);
    for (JsonNode layer : manifest.get("Layers")) {
      run(
          List.of(
              "tar", "-xzf", image.resolve(layer.asText()).toString(), "-C", rootfs.toString()));
    }
    JsonNode config =
        JSON.readTree(image.resolve(manifest.get("Config").asText()).toFile()).get("config");

    List<String> command =
        new ArrayList<>(List.of("/usr/bin/unshare", "--mount", "--pid", "--fork"));
    command.addAll(
        List.of(
            "/bin/sh",
            "-c",
            """
            set -e
            root="$1"; user="$2"; shift 2
            mount --bind "$root" "$root"
            mount -o remount,bind,ro "$root"
            mount -t proc proc "$root/proc"
            mount -t tmpfs -o mode=1777 tmpfs "$root/tmp"
            mount --bind /dev "$root/dev"
            exec chroot --userspec="$user:0" "$root" "$@"
            """,
            "container",
            rootfs.toString(),
            config.get("User").asText(),
            "/usr/bin/env",
            "-i"));
    config.get("Env").forEach(entry -> command.add(entry.asText()));
    extraEnv.forEach((name, value) -> command.add(name + "=" + value));
    // The working directory, then the entrypoint as the engine would exec it.
    command.addAll(
        List.of("/bin/sh", "-c", "cd \"$0\" && exec \"$@\"", config.get("WorkingDir").asText()));
    config.get("Entrypoint").forEach(arg -> command.add(arg.asText()));

    Path log = dir.resolve("output.log");
    Process process =
        new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    return new ContainerRun(process, log);
  }

  private static void run(List<String> command) throws IOException, InterruptedException {
    Process process = new ProcessBuilder(command).inheritIO().start();
    if (process.waitFor() != 0) {
      throw new IOException(String.join(" ", command) + " exited with " + process.exitValue());
    }
  }

  boolean alive() {
    return process.isAlive();
  }

  /** What the process printed so far. */
  String output() throws IOException {
    return new String(Files.readAllBytes(log), StandardCharsets.UTF_8);
  }

  /**
   * Stops the container: SIGTERM to its PID 1 (the JVM's graceful shutdown), SIGKILL after 10 s.
   * The signals go to the process itself: the parent-death signal of {@code unshare --kill-child}
   * does not survive {@code chroot --userspec}'s change of user.
   */
  @Override
  public void close() throws InterruptedException {
    List<ProcessHandle> container = process.descendants().toList();
    container.forEach(ProcessHandle::destroy);
    for (ProcessHandle handle : container) {
      try {
        handle.onExit().get(10, TimeUnit.SECONDS);
      } catch (ExecutionException | TimeoutException e) {
        handle.destroyForcibly();
      }
    }
    container.forEach(handle -> handle.onExit().join());
    process.destroyForcibly().waitFor();
  }
}
