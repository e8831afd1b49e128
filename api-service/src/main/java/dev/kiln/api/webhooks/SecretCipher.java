package dev.kiln.api.webhooks;

import dev.kiln.api.config.WebhooksConfig;
import dev.kiln.webhooks.WebhookSecret;
import io.quarkus.logging.Log;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Encrypts webhook secrets for the database with AES-256-GCM under {@code
 * kiln.webhooks.encryption-key}: a dump of the database alone does not reveal them. The owner's id
 * (endpoint or tenant) is the associated data, so a ciphertext copied to another row does not
 * decrypt. Stored form: 12-byte nonce, then ciphertext and tag.
 */
@ApplicationScoped
public class SecretCipher {

  private static final int NONCE_BYTES = 12;
  private static final int TAG_BITS = 128;
  private static final SecureRandom RANDOM = new SecureRandom();

  private final SecretKey key;
  private final byte[] keyBytes;

  public SecretCipher(WebhooksConfig config) {
    this.keyBytes = keyBytes(config);
    this.key = new SecretKeySpec(keyBytes, "AES");
  }

  /**
   * A key for another purpose (such as signing stream tokens), derived from the same server secret
   * by HMAC-SHA256 of the purpose's name: operators keep one secret, shared by every replica.
   */
  public byte[] derive(String purpose) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(keyBytes, "HmacSHA256"));
      return mac.doFinal(purpose.getBytes(StandardCharsets.UTF_8));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  public byte[] encrypt(WebhookSecret secret, String ownerId) {
    byte[] nonce = new byte[NONCE_BYTES];
    RANDOM.nextBytes(nonce);
    byte[] sealed =
        run(Cipher.ENCRYPT_MODE, nonce, ownerId, secret.value().getBytes(StandardCharsets.UTF_8));
    return ByteBuffer.allocate(NONCE_BYTES + sealed.length).put(nonce).put(sealed).array();
  }

  public WebhookSecret decrypt(byte[] stored, String ownerId) {
    byte[] nonce = java.util.Arrays.copyOf(stored, NONCE_BYTES);
    byte[] sealed = java.util.Arrays.copyOfRange(stored, NONCE_BYTES, stored.length);
    return WebhookSecret.parse(
        new String(run(Cipher.DECRYPT_MODE, nonce, ownerId, sealed), StandardCharsets.UTF_8));
  }

  private byte[] run(int mode, byte[] nonce, String ownerId, byte[] input) {
    try {
      Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
      cipher.init(mode, key, new GCMParameterSpec(TAG_BITS, nonce));
      cipher.updateAAD(ownerId.getBytes(StandardCharsets.UTF_8));
      return cipher.doFinal(input);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(
          "a webhook secret does not decrypt: was kiln.webhooks.encryption-key changed?", e);
    }
  }

  private static byte[] keyBytes(WebhooksConfig config) {
    String encoded =
        config
            .encryptionKey()
            .or(() -> config.encryptionKeyFile().map(SecretCipher::readOrCreate))
            .orElseThrow(
                () ->
                    new IllegalStateException(
                        "Set kiln.webhooks.encryption-key (KILN_WEBHOOKS_ENCRYPTION_KEY): base64 of"
                            + " 32 random bytes, e.g. from `openssl rand -base64 32`"));
    byte[] bytes;
    try {
      bytes = Base64.getDecoder().decode(encoded.trim());
    } catch (IllegalArgumentException e) {
      throw new IllegalStateException("kiln.webhooks.encryption-key is not base64");
    }
    if (bytes.length != 32) {
      throw new IllegalStateException(
          "kiln.webhooks.encryption-key must be 32 bytes (base64), not " + bytes.length);
    }
    return bytes;
  }

  private static String readOrCreate(String file) {
    Path path = Path.of(file);
    try {
      if (Files.exists(path)) {
        return Files.readString(path);
      }
      byte[] fresh = new byte[32];
      RANDOM.nextBytes(fresh);
      String encoded = Base64.getEncoder().encodeToString(fresh);
      Files.createDirectories(path.toAbsolutePath().getParent());
      Files.writeString(path, encoded + "\n");
      try {
        Files.setPosixFilePermissions(path, PosixFilePermissions.fromString("rw-------"));
      } catch (UnsupportedOperationException ignored) {
        // not a POSIX file system
      }
      Log.infof("Created the webhook secret encryption key in %s", path);
      return encoded;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
