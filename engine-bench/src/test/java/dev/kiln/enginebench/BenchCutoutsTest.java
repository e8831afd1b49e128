package dev.kiln.enginebench;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class BenchCutoutsTest {

  @Test
  void takesARelativePathFromTheRepositoryRoot() {
    Path root = Path.of("").toAbsolutePath().getParent();

    assertThat(root.resolve("mvnw")).exists();
    assertThat(BenchCutouts.resolve(BenchCutouts.DEFAULT_MODEL))
        .isEqualTo(root.resolve(".kiln/models/u2netp/model.onnx"));
    assertThat(BenchCutouts.resolve("docs/examples")).isEqualTo(root.resolve("docs/examples"));
  }

  @Test
  void keepsAnAbsolutePath() {
    Path absolute = Path.of("/tmp/kiln-photos");

    assertThat(BenchCutouts.resolve(absolute.toString())).isEqualTo(absolute);
  }
}
