package dev.kiln.api.tenants;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;

/**
 * Makes API keys and hashes them for storage and lookup. Keys are 192 bits of randomness, so one
 * SHA-256 is the right tool (a slow password hash would only slow every request, not an attacker).
 */
public final class ApiKeyHasher {

  /** What every API key starts with, so that leaked keys are easy to recognise and scan for. */
  public static final String KEY_PREFIX = "kiln_sk_";

  private static final int RANDOM_BYTES = 24;
  private static final SecureRandom RANDOM = new SecureRandom();

  private ApiKeyHasher() {}

  /** A new key: {@code kiln_sk_} and 32 URL-safe Base64 characters. */
  public static String generate() {
    byte[] random = new byte[RANDOM_BYTES];
    RANDOM.nextBytes(random);
    return KEY_PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(random);
  }

  public static String hash(String key) {
    try {
      MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
      return HexFormat.of().formatHex(sha256.digest(key.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every JDK", e);
    }
  }

  /** The visible start of a key, shown in listings to recognise it ({@code kiln_sk_AbCd}). */
  public static String prefix(String key) {
    return key.substring(0, Math.min(12, key.length()));
  }
}
