package dev.kiln.images;

import java.nio.file.Path;

/** Where the build put the images and what it named them (system properties set by the pom). */
final class KilnImages {

  private KilnImages() {}

  /** The tarball Jib built for this image ({@code kiln-api}, {@code kiln-worker}). */
  static Path tar(String repository) {
    return Path.of(property("kiln.images.dir")).resolve(repository + ".tar");
  }

  /** {@code <registry>/<repository>:<tag>}, as the build was asked to name it. */
  static String reference(String repository) {
    return property("kiln.image.registry") + "/" + repository + ":" + property("kiln.image.tag");
  }

  /** The project's version. */
  static String version() {
    return property("kiln.version");
  }

  /** The repository URL the images are labelled with. */
  static String source() {
    return property("kiln.image.source");
  }

  /** The repository's root directory. */
  static Path root() {
    return Path.of(property("kiln.root")).toAbsolutePath().normalize();
  }

  private static String property(String name) {
    String value = System.getProperty(name);
    if (value == null) {
      throw new IllegalStateException(
          name + " is not set: run this test through Maven (images/pom.xml)");
    }
    return value;
  }
}
