package dev.kiln.deploy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Renders a kustomization with {@code kubectl kustomize}, the kustomize that operators apply with
 * ({@code kubectl apply -k}). The executable is {@code $KUBECTL}, else {@code kubectl} on the
 * {@code PATH}.
 */
final class Kubectl {

  private Kubectl() {}

  static String kustomize(Path dir) {
    Path executable = locate();
    try {
      Path stderr = Files.createTempFile("kubectl-kustomize", ".err");
      try {
        Process process =
            new ProcessBuilder(executable.toString(), "kustomize", dir.toString())
                .redirectError(stderr.toFile())
                .start();
        process.getOutputStream().close();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
          process.destroyForcibly();
          throw new IllegalStateException("kubectl kustomize " + dir + " did not finish in 60 s");
        }
        if (process.exitValue() != 0) {
          throw new IllegalStateException(
              "kubectl kustomize " + dir + " failed:\n" + Files.readString(stderr));
        }
        return out;
      } finally {
        Files.deleteIfExists(stderr);
      }
    } catch (IOException e) {
      throw new IllegalStateException("could not run " + executable, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private static Path locate() {
    String configured = System.getenv("KUBECTL");
    if (configured != null && !configured.isBlank()) {
      return Path.of(configured);
    }
    String path = System.getenv().getOrDefault("PATH", "");
    return Stream.of(path.split(java.io.File.pathSeparator))
        .filter(dir -> !dir.isBlank())
        .map(dir -> Path.of(dir, "kubectl"))
        .filter(Files::isExecutable)
        .findFirst()
        .orElseThrow(
            () ->
                new IllegalStateException(
                    String.join(
                        "\n",
                        List.of(
                            "kubectl not found: the deploy-tests module renders deploy/ with"
                                + " `kubectl kustomize`.",
                            "Install kubectl 1.27 or newer (https://kubernetes.io/docs/tasks/tools/,"
                                + " or your package manager) and put it on the PATH, or point"
                                + " KUBECTL at it;",
                            "or skip this module with `-pl '!deploy-tests'`."))));
  }
}
