package dev.kiln.api.live.tokens;

import dev.kiln.api.webhooks.SecretCipher;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
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

  @Inject
  public StreamTokens(SecretCipher secrets) {
    this(secrets.derive("kiln stream tokens v1"));
  }

  /** Tokens signed with {@code key} (HMAC-SHA256). */
  StreamTokens(byte[] key) {
    this.key = key.clone();
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
      String payloadText = body.substring(0, dot);
      byte[] payload = DECODER.decode(payloadText);
      // One spelling per token: base64 with other unused bits decodes to the same bytes, and
      // such a variant must not pass for the token itself.
      byte[] expected = ENCODER.encodeToString(mac(payload)).getBytes(StandardCharsets.US_ASCII);
      byte[] presentedMac = body.substring(dot + 1).getBytes(StandardCharsets.US_ASCII);
      if (!ENCODER.encodeToString(payload).equals(payloadText)
          || !MessageDigest.isEqual(expected, presentedMac)) {
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
