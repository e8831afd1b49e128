package dev.kiln.bench;

import dev.kiln.bench.procs.MeasuredProcess;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/** Which JDK the Kiln services run on, from the {@code release} file beside their {@code java}. */
final class ServiceJvm {

  private ServiceJvm() {}

  static String describe(List<MeasuredProcess> processes) {
    return processes.stream()
        .filter(p -> p.name().equals("api"))
        .findFirst()
        .flatMap(p -> ProcessHandle.of(p.pid()))
        .flatMap(p -> p.info().command())
        .flatMap(ServiceJvm::release)
        .orElse("an unknown JVM");
  }

  /** E.g. {@code JDK 25.0.1 (Eclipse Adoptium)} from {@code <java.home>/release}. */
  private static Optional<String> release(String javaCommand) {
    Path home = Path.of(javaCommand).getParent().getParent();
    try {
      String version = null;
      String vendor = null;
      for (String line : Files.readAllLines(home.resolve("release"))) {
        if (line.startsWith("JAVA_VERSION=")) {
          version = line.substring("JAVA_VERSION=".length()).replace("\"", "");
        } else if (line.startsWith("IMPLEMENTOR=")) {
          vendor = line.substring("IMPLEMENTOR=".length()).replace("\"", "");
        }
      }
      if (version == null) {
        return Optional.empty();
      }
      return Optional.of("JDK " + version + (vendor == null ? "" : " (" + vendor + ")"));
    } catch (IOException | RuntimeException e) {
      return Optional.empty();
    }
  }
}
