package dev.kiln.webhooks;

import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import javax.crypto.spec.SecretKeySpec;

/**
 * A Standard Webhooks signing secret: {@code whsec_} followed by the base64 encoding of 24 to 64
 * random bytes, which are the HMAC-SHA256 key. Immutable and thread-safe; {@link #toString()} never
 * reveals the secret.
 */
public final class WebhookSecret {

  /** The prefix of the textual form of a secret. */
  public static final String PREFIX = "whsec_";

  /** The smallest key size the specification allows, in bytes. */
  public static final int MIN_KEY_BYTES = 24;

  /** The largest key size the specification allows, in bytes. */
  public static final int MAX_KEY_BYTES = 64;

  private static final int GENERATED_KEY_BYTES = 32;
  private static final SecureRandom RANDOM = new SecureRandom();

  private final String value;
  private final byte[] key;
  private final SecretKeySpec macKey;

  private WebhookSecret(String value, byte[] key) {
    this.value = value;
    this.key = key;
    this.macKey = new SecretKeySpec(key, WebhookSigner.ALGORITHM);
  }

  /**
   * A new random secret of 32 bytes from {@link SecureRandom}.
   *
   * @return the secret, whose {@link #value()} is {@code whsec_} and 44 base64 characters
   */
  public static WebhookSecret generate() {
    byte[] key = new byte[GENERATED_KEY_BYTES];
    RANDOM.nextBytes(key);
    return new WebhookSecret(PREFIX + Base64.getEncoder().encodeToString(key), key);
  }

  /**
   * Reads a secret. The {@code whsec_} prefix is optional (as in the reference libraries): what
   * follows it is decoded as standard base64 and must give 24 to 64 bytes.
   *
   * @param text the secret, e.g. {@code whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw}
   * @return the secret
   * @throws IllegalArgumentException if the text is null, empty, not base64 or of the wrong size;
   *     the message never contains the text
   */
  public static WebhookSecret parse(String text) {
    if (text == null || text.isEmpty()) {
      throw new IllegalArgumentException("Webhook secret is missing");
    }
    String encoded = text.startsWith(PREFIX) ? text.substring(PREFIX.length()) : text;
    if (encoded.isEmpty()) {
      throw new IllegalArgumentException("Webhook secret has nothing after the whsec_ prefix");
    }
    byte[] key;
    try {
      key = Base64.getDecoder().decode(encoded);
    } catch (IllegalArgumentException e) {
      // The decoder's message quotes the offending character: not chained, not repeated.
      throw new IllegalArgumentException(
          "Webhook secret is not valid base64 after the whsec_ prefix");
    }
    if (key.length < MIN_KEY_BYTES || key.length > MAX_KEY_BYTES) {
      throw new IllegalArgumentException(
          "Webhook secret decodes to "
              + key.length
              + " bytes; Standard Webhooks secrets have "
              + MIN_KEY_BYTES
              + " to "
              + MAX_KEY_BYTES);
    }
    return new WebhookSecret(PREFIX + encoded, key);
  }

  /**
   * The full textual form, always with the {@code whsec_} prefix (added if {@link #parse} was given
   * the bare base64).
   *
   * @return the secret as {@code whsec_<base64>}
   */
  public String value() {
    return value;
  }

  /**
   * The HMAC key: the decoded bytes after the prefix.
   *
   * @return a copy of the key bytes
   */
  public byte[] key() {
    return key.clone();
  }

  /** The key for {@link javax.crypto.Mac#init}, shared without copying inside the package. */
  SecretKeySpec macKey() {
    return macKey;
  }

  /**
   * Two secrets are equal when their keys are (compared in constant time).
   *
   * @param other any object
   * @return whether {@code other} is a secret with the same key
   */
  @Override
  public boolean equals(Object other) {
    return other instanceof WebhookSecret
        && MessageDigest.isEqual(key, ((WebhookSecret) other).key);
  }

  /**
   * A hash of the key bytes, consistent with {@link #equals}.
   *
   * @return the hash code
   */
  @Override
  public int hashCode() {
    return Arrays.hashCode(key);
  }

  /**
   * A fixed text that does not reveal the secret.
   *
   * @return {@code WebhookSecret[whsec_…]}
   */
  @Override
  public String toString() {
    return "WebhookSecret[" + PREFIX + "…]";
  }
}
