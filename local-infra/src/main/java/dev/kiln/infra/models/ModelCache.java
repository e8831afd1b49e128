package dev.kiln.infra.models;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The user's cache of verified models, shared by every clone and data directory of the user (so
 * that tests and CI runs on one machine download a model once): {@code
 * ${XDG_CACHE_HOME:-~/.cache}/kiln/models/<sha256>.onnx}, and the files installed beside it as
 * {@code <sha256>.<name>} (such as {@code <sha256>.LICENSE}). Entries are named by content: a model
 * read from here is checked against its name again.
 */
public final class ModelCache {

  private final Path directory;

  public ModelCache(Path directory) {
    this.directory = directory;
  }

  /** The cache under {@code $XDG_CACHE_HOME}, or {@code ~/.cache} when that is not set. */
  public static ModelCache forCurrentUser() {
    return new ModelCache(
        defaultDirectory(System.getenv("XDG_CACHE_HOME"), System.getProperty("user.home")));
  }

  /** The XDG rule: a relative {@code XDG_CACHE_HOME} is ignored, as the specification says. */
  static Path defaultDirectory(String xdgCacheHome, String userHome) {
    Path base =
        xdgCacheHome != null && !xdgCacheHome.isBlank() && Path.of(xdgCacheHome).isAbsolute()
            ? Path.of(xdgCacheHome)
            : Path.of(userHome, ".cache");
    return base.resolve("kiln").resolve("models");
  }

  public Path directory() {
    return directory;
  }

  /** The cached model with this SHA-256, checked; a damaged entry is deleted. */
  Optional<Path> model(String sha256) throws IOException {
    Path file = directory.resolve(sha256 + ".onnx");
    if (!Files.isRegularFile(file)) {
      return Optional.empty();
    }
    if (!Sha256.of(file).equals(sha256)) {
      Files.deleteIfExists(file);
      return Optional.empty();
    }
    return Optional.of(file);
  }

  /** Those of the files stored beside the model that are present, by name. */
  Map<String, Path> extras(String sha256, List<String> names) {
    Map<String, Path> present = new LinkedHashMap<>();
    for (String name : names) {
      Path file = directory.resolve(sha256 + "." + name);
      if (Files.isRegularFile(file)) {
        present.put(name, file);
      }
    }
    return present;
  }

  /**
   * Stores a verified model and the files that go with it, by name. The cache only saves downloads:
   * a cache that cannot be written (read-only home, full disk) loses the entry and nothing else.
   */
  void put(String sha256, Path model, Map<String, Path> extras) {
    try {
      Files.createDirectories(directory);
      for (Map.Entry<String, Path> extra : extras.entrySet()) {
        AtomicFiles.copy(extra.getValue(), directory.resolve(sha256 + "." + extra.getKey()));
      }
      AtomicFiles.copy(model, directory.resolve(sha256 + ".onnx"));
    } catch (IOException e) {
      // Not cached: the next installation fetches again.
    }
  }
}
