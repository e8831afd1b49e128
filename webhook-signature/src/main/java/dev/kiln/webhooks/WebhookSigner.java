package dev.kiln.webhooks;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Base64;
import java.util.List;
import java.util.Objects;
import javax.crypto.Mac;

/**
 * Signs webhooks per Standard Webhooks: HMAC-SHA256 with the secret's key over {@code
 * <webhook-id>.<webhook-timestamp>.<body>}, written {@code v1,<base64 of the MAC>}. Stateless and
 * thread-safe (one {@link Mac} per call).
 */
public final class WebhookSigner {

  /** The header carrying the message id, signed first. */
  public static final String ID_HEADER = "webhook-id";

  /** The header carrying the send time in Unix seconds, signed second. */
  public static final String TIMESTAMP_HEADER = "webhook-timestamp";

  /** The header carrying the space-separated signatures. */
  public static final String SIGNATURE_HEADER = "webhook-signature";

  /** The version prefix of the signatures this scheme produces and accepts. */
  public static final String VERSION = "v1";

  static final String ALGORITHM = "HmacSHA256";

  private WebhookSigner() {}

  /**
   * The signature of one message with one secret.
   *
   * @param msgId the {@code webhook-id} value
   * @param timestampSeconds the {@code webhook-timestamp} value, in seconds since the epoch
   * @param body the exact body bytes sent
   * @param secret the signing secret
   * @return {@code v1,<base64>}
   */
  public static String sign(
      String msgId, long timestampSeconds, byte[] body, WebhookSecret secret) {
    Objects.requireNonNull(secret, "secret");
    return VERSION
        + ","
        + Base64.getEncoder().encodeToString(mac(secret, msgId, timestampSeconds, body));
  }

  /**
   * {@link #sign(String, long, byte[], WebhookSecret)} with a body given as text, sent as UTF-8.
   *
   * @param msgId the {@code webhook-id} value
   * @param timestampSeconds the {@code webhook-timestamp} value, in seconds since the epoch
   * @param body the body, whose UTF-8 bytes are signed
   * @param secret the signing secret
   * @return {@code v1,<base64>}
   */
  public static String sign(
      String msgId, long timestampSeconds, String body, WebhookSecret secret) {
    return sign(msgId, timestampSeconds, utf8(body), secret);
  }

  /**
   * The {@code webhook-signature} header value: one signature per secret, space-separated, in the
   * given order (the current secret first, then those being rotated out).
   *
   * @param msgId the {@code webhook-id} value
   * @param timestampSeconds the {@code webhook-timestamp} value, in seconds since the epoch
   * @param body the exact body bytes sent
   * @param secrets at least one secret
   * @return e.g. {@code v1,<base64> v1,<base64>}
   * @throws IllegalArgumentException if {@code secrets} is empty
   */
  public static String signatureHeader(
      String msgId, long timestampSeconds, byte[] body, List<WebhookSecret> secrets) {
    if (secrets.isEmpty()) {
      throw new IllegalArgumentException("At least one webhook secret is needed to sign");
    }
    StringBuilder header = new StringBuilder();
    for (WebhookSecret secret : secrets) {
      if (header.length() > 0) {
        header.append(' ');
      }
      header.append(sign(msgId, timestampSeconds, body, secret));
    }
    return header.toString();
  }

  /**
   * {@link #signatureHeader(String, long, byte[], List)} with a body given as text, sent as UTF-8.
   *
   * @param msgId the {@code webhook-id} value
   * @param timestampSeconds the {@code webhook-timestamp} value, in seconds since the epoch
   * @param body the body, whose UTF-8 bytes are signed
   * @param secrets at least one secret
   * @return e.g. {@code v1,<base64> v1,<base64>}
   * @throws IllegalArgumentException if {@code secrets} is empty
   */
  public static String signatureHeader(
      String msgId, long timestampSeconds, String body, List<WebhookSecret> secrets) {
    return signatureHeader(msgId, timestampSeconds, utf8(body), secrets);
  }

  /** The raw HMAC-SHA256 of {@code msgId.timestamp.body} under the secret's key. */
  static byte[] mac(WebhookSecret secret, String msgId, long timestampSeconds, byte[] body) {
    Objects.requireNonNull(msgId, "msgId");
    Objects.requireNonNull(body, "body");
    Mac mac;
    try {
      mac = Mac.getInstance(ALGORITHM);
      mac.init(secret.macKey());
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is unavailable in this JVM", e);
    }
    mac.update(msgId.getBytes(StandardCharsets.UTF_8));
    mac.update((byte) '.');
    mac.update(Long.toString(timestampSeconds).getBytes(StandardCharsets.US_ASCII));
    mac.update((byte) '.');
    return mac.doFinal(body);
  }

  static byte[] utf8(String body) {
    return Objects.requireNonNull(body, "body").getBytes(StandardCharsets.UTF_8);
  }
}
