package dev.kiln.api.admin;

import dev.kiln.api.config.AdminConfig;
import dev.kiln.api.config.KeyFiles;
import dev.kiln.api.tenants.ApiKeyHasher;
import io.quarkus.logging.Log;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
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
        config.key().filter(k -> !k.isBlank()).or(() -> config.keyFile().flatMap(KeyFiles::read));
    this.digest = key.map(OperatorKey::digest);
    if (digest.isEmpty()) {
      Log.info("No kiln.admin.key (or a key-file that exists) is set: the admin API is off");
    }
  }

  /** Whether the admin API is on. */
  public boolean configured() {
    return digest.isPresent();
  }

  /** Whether {@code presented} is the operator key (false when none is configured). */
  public boolean matches(String presented) {
    return presented != null
        && digest.map(expected -> MessageDigest.isEqual(expected, digest(presented))).orElse(false);
  }

  private static byte[] digest(String key) {
    return ApiKeyHasher.hash(key).getBytes(StandardCharsets.US_ASCII);
  }
}
