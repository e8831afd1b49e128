package dev.kiln.infra.models;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorInputStream;

/** Reads named entries out of a {@code .tgz}, as npm packs them. */
final class Tarball {

  private Tarball() {}

  /**
   * Writes each of {@code entries} into {@code directory} under its last path segment. The names
   * written come from {@code entries}, never from the archive.
   *
   * @return the written file of each entry
   * @throws IOException when an entry is not in the tarball as a regular file
   */
  static Map<String, Path> extract(Path tarball, Collection<String> entries, Path directory)
      throws IOException {
    Files.createDirectories(directory);
    Map<String, Path> written = new LinkedHashMap<>();
    try (InputStream file = new BufferedInputStream(Files.newInputStream(tarball));
        TarArchiveInputStream tar =
            new TarArchiveInputStream(new GzipCompressorInputStream(file))) {
      for (TarArchiveEntry entry; (entry = tar.getNextEntry()) != null; ) {
        if (entry.isFile() && entries.contains(entry.getName())) {
          Path target = directory.resolve(PinnedModel.fileName(entry.getName()));
          Files.copy(tar, target, StandardCopyOption.REPLACE_EXISTING);
          written.put(entry.getName(), target);
        }
      }
    }
    for (String entry : entries) {
      if (!written.containsKey(entry)) {
        throw new IOException(tarball.getFileName() + " has no file " + entry);
      }
    }
    return written;
  }
}
