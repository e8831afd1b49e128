package dev.kiln.deploy;

import java.nio.file.Files;
import java.nio.file.Path;

/** The root of the Kiln repository, whose {@code deploy/} and {@code docs/} the tests read. */
final class Repository {

  private static final Path ROOT = find();

  private Repository() {}

  static Path path(String relative) {
    return ROOT.resolve(relative);
  }

  private static Path find() {
    String configured = System.getProperty("kiln.repository.root");
    if (configured != null && Files.isDirectory(Path.of(configured, "deploy", "base"))) {
      return Path.of(configured).toAbsolutePath().normalize();
    }
    for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
      if (Files.isDirectory(dir.resolve("deploy").resolve("base"))) {
        return dir;
      }
    }
    throw new IllegalStateException(
        "deploy/base not found above "
            + Path.of("").toAbsolutePath()
            + ": run from the repository");
  }
}
