package dev.kiln.infra.models;

import static java.nio.file.StandardCopyOption.ATOMIC_MOVE;
import static java.nio.file.StandardCopyOption.REPLACE_EXISTING;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;

/**
 * Files written beside their target and renamed into place, so that a reader (a worker starting,
 * another clone filling the same cache) sees the old file or the new one, never half of one.
 */
final class AtomicFiles {

  private AtomicFiles() {}

  /**
   * A name beside {@code target} to write it under before the rename, unique to this call. Not
   * {@code Files.createTempFile}: its owner-only permissions would stay on the file, and a worker
   * running as another user could not read the model.
   */
  static Path part(Path target) {
    return target.resolveSibling(
        "." + target.getFileName() + "." + UUID.randomUUID().toString().substring(0, 8) + ".part");
  }

  /** Moves a written part file onto {@code target}. */
  static void commit(Path part, Path target) throws IOException {
    Files.move(part, target, REPLACE_EXISTING, ATOMIC_MOVE);
  }

  static void write(Path target, byte[] content) throws IOException {
    Path part = part(target);
    try {
      Files.write(part, content);
      commit(part, target);
    } finally {
      Files.deleteIfExists(part);
    }
  }

  static void copy(Path from, Path target) throws IOException {
    Path part = part(target);
    try {
      Files.copy(from, part);
      commit(part, target);
    } finally {
      Files.deleteIfExists(part);
    }
  }
}
