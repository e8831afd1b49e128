package dev.kiln.api.live.tokens;

import dev.kiln.api.webhooks.SecretCipher;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Makes and checks stream tokens: {@code kst_<payload>.<mac>}, the payload (tenant, key, job,
 * expiry) in URL-safe Base64 and its HMAC-SHA256 under a key derived from the server secret, so
 * that every replica checks every token without storing any.
 */
@ApplicationScoped
public class StreamTokens {

  public static final String PREFIX = "kst_";
  private static final String VERSION = "1";
  private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();
  private static final Base64.Decoder DECODER = Base64.getUrlDecoder();

  private final byte[] key;

  public StreamTokens(SecretCipher secrets) {
    this.key = secrets.derive("kiln stream tokens v1");
  }

  public static boolean looksLikeToken(String value) {
    return value != null && value.startsWith(PREFIX);
  }

  public String issue(StreamToken token) {
    String payload =
        String.join(
            "|",
            VERSION,
            token.tenantId(),
            token.keyId(),
            token.jobId() == null ? "" : token.jobId(),
            Long.toString(token.expiresAt().getEpochSecond()));
    byte[] bytes = payload.getBytes(StandardCharsets.UTF_8);
    return PREFIX + ENCODER.encodeToString(bytes) + "." + ENCODER.encodeToString(mac(bytes));
  }

  /** The token's claims when it is genuine and not expired at {@code now}. */
  public Optional<StreamToken> verify(String presented, Instant now) {
    if (!looksLikeToken(presented)) {
      return Optional.empty();
    }
    String body = presented.substring(PREFIX.length());
    int dot = body.indexOf('.');
    if (dot < 0) {
      return Optional.empty();
    }
    try {
      byte[] payload = DECODER.decode(body.substring(0, dot));
      byte[] mac = DECODER.decode(body.substring(dot + 1));
      if (!MessageDigest.isEqual(mac, mac(payload))) {
        return Optional.empty();
      }
      String[] fields = new String(payload, StandardCharsets.UTF_8).split("\\|", -1);
      if (fields.length != 5 || !VERSION.equals(fields[0])) {
        return Optional.empty();
      }
      Instant expiresAt = Instant.ofEpochSecond(Long.parseLong(fields[4]));
      if (!now.isBefore(expiresAt)) {
        return Optional.empty();
      }
      return Optional.of(
          new StreamToken(fields[1], fields[2], fields[3].isEmpty() ? null : fields[3], expiresAt));
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
  }

  private byte[] mac(byte[] payload) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(key, "HmacSHA256"));
      return mac.doFinal(payload);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }
}
