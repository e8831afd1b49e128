package dev.kiln.infra.models;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class ModelCacheTest {

  @Test
  void livesUnderTheXdgCacheDirectory() {
    assertThat(ModelCache.defaultDirectory("/var/cache/me", "/home/me"))
        .isEqualTo(Path.of("/var/cache/me/kiln/models"));
  }

  @Test
  void fallsBackToDotCacheInTheHomeDirectory() {
    assertThat(ModelCache.defaultDirectory(null, "/home/me"))
        .isEqualTo(Path.of("/home/me/.cache/kiln/models"));
    assertThat(ModelCache.defaultDirectory("", "/home/me"))
        .isEqualTo(Path.of("/home/me/.cache/kiln/models"));
    // The XDG specification: a relative path is invalid and ignored.
    assertThat(ModelCache.defaultDirectory("relative/cache", "/home/me"))
        .isEqualTo(Path.of("/home/me/.cache/kiln/models"));
  }
}
