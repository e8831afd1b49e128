package dev.kiln.api.tenants;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Hashes API keys for storage and lookup. Keys are 190+ bits of randomness, so one SHA-256 is the
 * right tool (a slow password hash would only slow every request, not an attacker).
 */
public final class ApiKeyHasher {

  private ApiKeyHasher() {}

  public static String hash(String key) {
    try {
      MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
      return HexFormat.of().formatHex(sha256.digest(key.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every JDK", e);
    }
  }

  public static String prefix(String key) {
    return key.substring(0, Math.min(12, key.length()));
  }
}
