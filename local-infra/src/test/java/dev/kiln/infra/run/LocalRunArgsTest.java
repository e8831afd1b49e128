package dev.kiln.infra.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kiln.infra.run.LocalRunArgs.Mode;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class LocalRunArgsTest {

  @Test
  void runsEverythingWithTheDefaultDataDirectoryByDefault() {
    assertThat(LocalRunArgs.parse()).isEqualTo(new LocalRunArgs(Mode.RUN, null, true));
  }

  @Test
  void readsTheModeAndTheDataDirectory() {
    assertThat(LocalRunArgs.parse("infra", "--data-dir", "/tmp/k"))
        .isEqualTo(new LocalRunArgs(Mode.INFRA, Path.of("/tmp/k"), true));
    assertThat(LocalRunArgs.parse("--data-dir=.kiln", "run"))
        .isEqualTo(new LocalRunArgs(Mode.RUN, Path.of(".kiln"), true));
  }

  @Test
  void aDataDirectoryGivenAfterTheScriptsOwnWins() {
    assertThat(LocalRunArgs.parse("run", "--data-dir", ".kiln", "--data-dir", "/srv/kiln"))
        .isEqualTo(new LocalRunArgs(Mode.RUN, Path.of("/srv/kiln"), true));
  }

  @Test
  void runsWithoutTheCutoutModelWhenAsked() {
    assertThat(LocalRunArgs.parse("run", "--no-model"))
        .isEqualTo(new LocalRunArgs(Mode.RUN, null, false));
  }

  @Test
  void rejectsUnknownArgumentsWithTheUsage() {
    assertThatThrownBy(() -> LocalRunArgs.parse("start"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("'start'")
        .hasMessageContaining("Usage:");
    assertThatThrownBy(() -> LocalRunArgs.parse("--data-dir"))
        .hasMessageContaining("--data-dir")
        .hasMessageContaining("Usage:");
  }
}
