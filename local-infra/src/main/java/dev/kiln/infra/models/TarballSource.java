package dev.kiln.infra.models;

import java.io.IOException;
import java.nio.file.Path;

/** Puts the tarball of a package version into a directory: {@link NpmPack}, or a test's own. */
@FunctionalInterface
public interface TarballSource {

  /**
   * @param spec {@code package@version}
   * @param directory an empty directory that the tarball is written into
   * @return the tarball
   */
  Path fetch(String spec, Path directory) throws IOException;
}
