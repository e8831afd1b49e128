package dev.kiln.images;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.zip.GZIPInputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.archivers.tar.TarFile;

/**
 * A container image saved as a tarball in the {@code docker save} layout that Jib's {@code
 * buildTar} writes and {@code docker load} reads: {@code manifest.json}, the config JSON and one
 * (gzipped) tar per layer. Gives the config, the files of each layer and the file system the layers
 * make together, with the contents of the files a predicate asks for.
 */
final class ImageTar {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final int MAX_LINKS = 40;

  private final List<String> repoTags;
  private final JsonNode config;
  private final List<Map<String, LayerEntry>> layers;
  private final Map<String, LayerEntry> files;
  private final Map<String, byte[]> contents;

  private ImageTar(
      List<String> repoTags,
      JsonNode config,
      List<Map<String, LayerEntry>> layers,
      Map<String, byte[]> contents) {
    this.repoTags = repoTags;
    this.config = config;
    this.layers = layers;
    this.contents = contents;
    this.files = new HashMap<>();
    layers.forEach(files::putAll);
  }

  /**
   * Reads the image, keeping the contents of the files whose absolute path {@code keep} accepts.
   */
  static ImageTar read(Path tar, Predicate<String> keep) throws IOException {
    try (TarFile image = new TarFile(tar)) {
      Map<String, TarArchiveEntry> entries = new HashMap<>();
      image.getEntries().forEach(entry -> entries.put(entry.getName(), entry));
      JsonNode manifest = json(image, entries, "manifest.json").get(0);
      JsonNode config = json(image, entries, manifest.get("Config").asText());
      List<String> tags = new ArrayList<>();
      manifest.get("RepoTags").forEach(tag -> tags.add(tag.asText()));
      List<Map<String, LayerEntry>> layers = new ArrayList<>();
      Map<String, byte[]> contents = new HashMap<>();
      for (JsonNode layer : manifest.get("Layers")) {
        try (InputStream in = image.getInputStream(entries.get(layer.asText()))) {
          layers.add(readLayer(in, keep, contents));
        }
      }
      return new ImageTar(List.copyOf(tags), config, List.copyOf(layers), contents);
    }
  }

  private static JsonNode json(TarFile image, Map<String, TarArchiveEntry> entries, String name)
      throws IOException {
    TarArchiveEntry entry = entries.get(name);
    if (entry == null) {
      throw new IOException("no " + name + " in the image tarball");
    }
    try (InputStream in = image.getInputStream(entry)) {
      return JSON.readTree(in);
    }
  }

  private static Map<String, LayerEntry> readLayer(
      InputStream layer, Predicate<String> keep, Map<String, byte[]> contents) throws IOException {
    Map<String, LayerEntry> entries = new LinkedHashMap<>();
    InputStream raw = layer.markSupported() ? layer : new BufferedInputStream(layer);
    raw.mark(2);
    boolean gzipped = raw.read() == 0x1f && raw.read() == 0x8b;
    raw.reset();
    try (TarArchiveInputStream tar =
        new TarArchiveInputStream(gzipped ? new GZIPInputStream(raw, 1 << 16) : raw)) {
      for (TarArchiveEntry entry = tar.getNextEntry(); entry != null; entry = tar.getNextEntry()) {
        LayerEntry file = LayerEntry.of(entry);
        entries.put(file.path(), file);
        if (file.isRegularFile() && keep.test(file.path())) {
          contents.put(file.path(), tar.readAllBytes());
        }
      }
    }
    return entries;
  }

  /** The {@code RepoTags} of the manifest: the name {@code docker load} gives the image. */
  List<String> repoTags() {
    return repoTags;
  }

  /** The image's config ({@code config.User}, {@code config.Env}, {@code architecture}, ...). */
  JsonNode config() {
    return config;
  }

  /** Each layer's entries by absolute path, from the base image's first layer up. */
  List<Map<String, LayerEntry>> layers() {
    return layers;
  }

  /** The entry at this absolute path in the image's file system, symbolic links followed. */
  Optional<LayerEntry> file(String path) {
    return Optional.ofNullable(resolve(path, 0)).map(files::get);
  }

  /** The contents of a regular file that the {@code keep} predicate accepted. */
  byte[] contents(String path) {
    LayerEntry entry = file(path).orElseThrow(() -> new AssertionError("no file " + path));
    byte[] bytes = contents.get(entry.path());
    if (bytes == null) {
      throw new AssertionError(path + " was not kept when the image was read");
    }
    return bytes;
  }

  /** Where the path ends up once every symbolic link on the way is followed; null if nowhere. */
  private String resolve(String path, int links) {
    if (links > MAX_LINKS) {
      return null;
    }
    String current = "";
    String[] parts = path.split("/");
    for (int i = 0; i < parts.length; i++) {
      if (parts[i].isEmpty() || parts[i].equals(".")) {
        continue;
      }
      if (parts[i].equals("..")) {
        current = current.contains("/") ? current.substring(0, current.lastIndexOf('/')) : "";
        continue;
      }
      String next = current + "/" + parts[i];
      LayerEntry entry = files.get(next);
      if (entry == null) {
        return null;
      }
      if (entry.isSymbolicLink()) {
        String target = entry.linkTarget();
        String rest = String.join("/", List.of(parts).subList(i + 1, parts.length));
        String base = target.startsWith("/") ? target : current + "/" + target;
        return resolve(base + "/" + rest, links + 1);
      }
      if (entry.isHardLink()) {
        next = LayerEntry.absolute(entry.linkTarget());
      }
      current = next;
    }
    return current.isEmpty() ? "/" : current;
  }
}
