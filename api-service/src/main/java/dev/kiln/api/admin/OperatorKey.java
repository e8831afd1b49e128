package dev.kiln.api.admin;

import dev.kiln.api.config.AdminConfig;
import io.quarkus.logging.Log;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Optional;

/**
 * The operator key of the admin API, from {@code kiln.admin.key} or {@code kiln.admin.key-file}.
 * Presented keys are compared by their SHA-256 digests with {@link MessageDigest#isEqual}, whose
 * time does not depend on where the two differ.
 */
@ApplicationScoped
public class OperatorKey {

  private final Optional<byte[]> digest;

  public OperatorKey(AdminConfig config) {
    Optional<String> key =
        config
            .key()
            .filter(k -> !k.isBlank())
            .or(() -> config.keyFile().flatMap(OperatorKey::read));
    this.digest = key.map(OperatorKey::sha256);
    if (digest.isEmpty()) {
      Log.info("No kiln.admin.key is set: the admin API is off");
    }
  }

  /** Whether the admin API is on. */
  public boolean configured() {
    return digest.isPresent();
  }

  /** Whether {@code presented} is the operator key (false when none is configured). */
  public boolean matches(String presented) {
    return presented != null
        && digest.map(expected -> MessageDigest.isEqual(expected, sha256(presented))).orElse(false);
  }

  private static Optional<String> read(String file) {
    Path path = Path.of(file);
    if (!Files.isRegularFile(path)) {
      Log.warnf("kiln.admin.key-file %s does not exist: the admin API is off", file);
      return Optional.empty();
    }
    try {
      return Optional.of(Files.readString(path).strip()).filter(k -> !k.isEmpty());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static byte[] sha256(String key) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every JDK", e);
    }
  }
}
