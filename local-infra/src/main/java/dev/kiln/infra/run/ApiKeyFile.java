package dev.kiln.infra.run;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * The API key of the local run's default tenant: generated once, kept in a file of the data
 * directory (readable by the owner only) and reused by later starts and by {@code quarkus:dev}.
 */
final class ApiKeyFile {

  static final String PREFIX = "kiln_sk_";

  /** 24 random bytes are 32 URL-safe Base64 characters. */
  private static final int RANDOM_BYTES = 24;

  private static final SecureRandom RANDOM = new SecureRandom();

  private ApiKeyFile() {}

  /** The key stored in {@code file}, or a new one written there. */
  static String loadOrCreate(Path file) throws IOException {
    if (Files.isRegularFile(file)) {
      String key = Files.readString(file).strip();
      if (!key.startsWith(PREFIX)) {
        throw new IOException(file + " does not hold a Kiln API key (" + PREFIX + "...)");
      }
      return key;
    }
    String key = generate();
    Files.createDirectories(file.toAbsolutePath().getParent());
    Files.writeString(file, key + "\n");
    if (Files.getFileStore(file).supportsFileAttributeView("posix")) {
      Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
    }
    return key;
  }

  static String generate() {
    byte[] random = new byte[RANDOM_BYTES];
    RANDOM.nextBytes(random);
    return PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(random);
  }
}
