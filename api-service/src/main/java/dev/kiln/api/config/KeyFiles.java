package dev.kiln.api.config;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/** Keys configured as files ({@code *.key-file}): the file's text without surrounding space. */
public final class KeyFiles {

  private KeyFiles() {}

  /** The key in {@code file}; empty when the file does not exist or holds only white space. */
  public static Optional<String> read(String file) {
    Path path = Path.of(file);
    if (!Files.isRegularFile(path)) {
      return Optional.empty();
    }
    try {
      return Optional.of(Files.readString(path).strip()).filter(key -> !key.isEmpty());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
