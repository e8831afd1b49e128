package dev.kiln.enginebench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * One image of a cut-out evaluation set and its ground truth: {@code SET/images/NAME.jpg} (or
 * {@code .png}) and {@code SET/masks/NAME.png}, the subject's alpha (8-bit grey, 255 subject, 0
 * background). {@code worker-service/bench/cutout-set.sh} builds such a set.
 *
 * @param group the kind of scene: the name up to its first '-' ({@code shadow-mug-1} is in {@code
 *     shadow}), or {@code all}
 */
record CutoutSample(String name, String group, Path image, Path mask) {

  /** Every image of {@code set}/images with a mask in {@code set}/masks, by name. */
  static List<CutoutSample> load(Path set) throws IOException {
    Path images = set.resolve("images");
    Path masks = set.resolve("masks");
    if (!Files.isDirectory(images) || !Files.isDirectory(masks)) {
      throw new IllegalArgumentException(
          set.toAbsolutePath() + " has no images/ and masks/ (worker-service/bench/cutout-set.sh)");
    }
    try (Stream<Path> files = Files.list(images)) {
      return files
          .filter(
              file ->
                  file.getFileName()
                      .toString()
                      .toLowerCase(Locale.ROOT)
                      .matches(".*\\.(jpe?g|png)"))
          .sorted()
          .map(file -> of(file, masks))
          .filter(sample -> Files.isRegularFile(sample.mask()))
          .toList();
    }
  }

  private static CutoutSample of(Path image, Path masks) {
    String file = image.getFileName().toString();
    String name = file.substring(0, file.lastIndexOf('.'));
    int dash = name.indexOf('-');
    return new CutoutSample(
        name, dash > 0 ? name.substring(0, dash) : "all", image, masks.resolve(name + ".png"));
  }
}
