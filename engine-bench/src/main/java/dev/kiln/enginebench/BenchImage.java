package dev.kiln.enginebench;

import dev.kiln.model.image.ImageInfo;
import dev.kiln.model.image.ImageProbe;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/** One input file of the benchmark, held in memory so that disk reads are not timed. */
record BenchImage(String name, byte[] bytes, ImageInfo info) {

  /** Every file of {@code folder} (not recursive) that probes as an image, by name. */
  static List<BenchImage> load(Path folder) throws IOException {
    try (Stream<Path> files = Files.list(folder)) {
      return files
          .filter(Files::isRegularFile)
          .sorted()
          .map(BenchImage::read)
          .filter(image -> image != null)
          .toList();
    }
  }

  private static BenchImage read(Path file) {
    try {
      byte[] bytes = Files.readAllBytes(file);
      return ImageProbe.probe(bytes)
          .map(info -> new BenchImage(file.getFileName().toString(), bytes, info))
          .orElse(null);
    } catch (IOException e) {
      return null;
    }
  }

  double megapixels() {
    return info.pixels() / 1e6;
  }

  String describe() {
    return String.format(
        Locale.ROOT, "%s %dx%d %s", name, info.width(), info.height(), info.format());
  }
}
