package dev.kiln.infra.run;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * The keys of the local run, the default tenant's API key and the operator key of the admin API:
 * generated once, kept in files of the data directory (readable by the owner only) and reused by
 * later starts, by {@code quarkus:dev} and by {@code ./kiln admin}.
 */
final class ApiKeyFile {

  static final String PREFIX = "kiln_sk_";
  static final String ADMIN_PREFIX = "kiln_admin_";

  /** 24 random bytes are 32 URL-safe Base64 characters. */
  private static final int RANDOM_BYTES = 24;

  private static final SecureRandom RANDOM = new SecureRandom();

  private ApiKeyFile() {}

  /** The API key stored in {@code file}, or a new one written there. */
  static String loadOrCreate(Path file) throws IOException {
    return loadOrCreate(file, PREFIX);
  }

  /** The key with this prefix stored in {@code file}, or a new one written there. */
  static String loadOrCreate(Path file, String prefix) throws IOException {
    if (Files.isRegularFile(file)) {
      String key = Files.readString(file).strip();
      if (!key.startsWith(prefix)) {
        throw new IOException(file + " does not hold a Kiln key (" + prefix + "...)");
      }
      return key;
    }
    String key = generate(prefix);
    Files.createDirectories(file.toAbsolutePath().getParent());
    Files.writeString(file, key + "\n");
    if (Files.getFileStore(file).supportsFileAttributeView("posix")) {
      Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
    }
    return key;
  }

  static String generate() {
    return generate(PREFIX);
  }

  static String generate(String prefix) {
    byte[] random = new byte[RANDOM_BYTES];
    RANDOM.nextBytes(random);
    return prefix + Base64.getUrlEncoder().withoutPadding().encodeToString(random);
  }
}
