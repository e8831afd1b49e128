package dev.kiln.webhooks;

import static dev.kiln.webhooks.WebhookSigner.ID_HEADER;
import static dev.kiln.webhooks.WebhookSigner.SIGNATURE_HEADER;
import static dev.kiln.webhooks.WebhookSigner.TIMESTAMP_HEADER;

import dev.kiln.webhooks.WebhookVerificationException.Reason;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Verifies received webhooks per Standard Webhooks: the timestamp must be within a tolerance of the
 * clock, and one of the {@code v1} signatures in {@code webhook-signature} must match the message
 * under one of the configured secrets (several during a rotation). Signatures of other versions are
 * ignored; comparisons are constant-time. Immutable and thread-safe.
 */
public final class WebhookVerifier {

  /** The default tolerance between the webhook's timestamp and the clock, either way. */
  public static final Duration DEFAULT_TOLERANCE = Duration.ofMinutes(5);

  private static final int MAX_TIMESTAMP_DIGITS = 18;

  private final List<WebhookSecret> secrets;
  private final Duration tolerance;
  private final Clock clock;

  /**
   * A verifier.
   *
   * @param secrets the secrets whose signatures are accepted, at least one
   * @param tolerance how far the timestamp may be from the clock, in the past or the future
   * @param clock the current time
   * @throws IllegalArgumentException if {@code secrets} is empty or {@code tolerance} negative
   */
  public WebhookVerifier(List<WebhookSecret> secrets, Duration tolerance, Clock clock) {
    this.secrets = List.copyOf(secrets);
    if (this.secrets.isEmpty()) {
      throw new IllegalArgumentException("At least one webhook secret is needed to verify");
    }
    if (tolerance.isNegative()) {
      throw new IllegalArgumentException("The timestamp tolerance must not be negative");
    }
    this.tolerance = tolerance;
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  /**
   * A verifier with the {@linkplain #DEFAULT_TOLERANCE default tolerance} and the system UTC clock.
   *
   * @param secret a secret whose signatures are accepted
   * @param more further accepted secrets, e.g. the previous one during a rotation
   * @return the verifier
   */
  public static WebhookVerifier of(WebhookSecret secret, WebhookSecret... more) {
    List<WebhookSecret> all = new ArrayList<>();
    all.add(secret);
    all.addAll(Arrays.asList(more));
    return new WebhookVerifier(all, DEFAULT_TOLERANCE, Clock.systemUTC());
  }

  /**
   * This verifier with another timestamp tolerance.
   *
   * @param tolerance how far the timestamp may be from the clock, either way
   * @return a new verifier
   */
  public WebhookVerifier withTolerance(Duration tolerance) {
    return new WebhookVerifier(secrets, tolerance, clock);
  }

  /**
   * This verifier with another clock (for tests).
   *
   * @param clock the current time
   * @return a new verifier
   */
  public WebhookVerifier withClock(Clock clock) {
    return new WebhookVerifier(secrets, tolerance, clock);
  }

  /**
   * Verifies a webhook from its headers. Header names are matched case-insensitively; values may be
   * {@code String}s or lists of them (as {@code java.net.http.HttpHeaders.map()}, JAX-RS and {@code
   * com.sun.net.httpserver.Headers} give). Several {@code webhook-signature} values are all
   * considered; for the id and timestamp the first value counts.
   *
   * @param headers the request headers
   * @param body the exact body bytes received
   * @return the verified {@code webhook-id}, e.g. to deduplicate deliveries
   * @throws WebhookVerificationException if the webhook must be rejected
   * @throws IllegalArgumentException if a header value is neither a string nor a list of them
   */
  public String verify(Map<String, ?> headers, byte[] body) {
    return verify(
        first(headers, ID_HEADER),
        first(headers, TIMESTAMP_HEADER),
        String.join(" ", values(headers, SIGNATURE_HEADER)),
        body);
  }

  /**
   * {@link #verify(Map, byte[])} with the body given as text, whose UTF-8 bytes are checked. Prefer
   * the bytes as received: a body decoded and re-encoded may differ.
   *
   * @param headers the request headers
   * @param body the body received
   * @return the verified {@code webhook-id}
   * @throws WebhookVerificationException if the webhook must be rejected
   */
  public String verify(Map<String, ?> headers, String body) {
    return verify(headers, WebhookSigner.utf8(body));
  }

  /**
   * Verifies a webhook from the values of its three headers.
   *
   * @param msgId the {@code webhook-id} value
   * @param timestamp the {@code webhook-timestamp} value, Unix seconds
   * @param signatureHeader the {@code webhook-signature} value, space-separated signatures
   * @param body the exact body bytes received
   * @return the verified {@code webhook-id}
   * @throws WebhookVerificationException if the webhook must be rejected
   */
  public String verify(String msgId, String timestamp, String signatureHeader, byte[] body) {
    Objects.requireNonNull(body, "body");
    requirePresent(msgId, ID_HEADER);
    requirePresent(timestamp, TIMESTAMP_HEADER);
    requirePresent(signatureHeader, SIGNATURE_HEADER);
    long timestampSeconds = parseTimestamp(timestamp);
    checkTolerance(timestampSeconds);

    List<byte[]> expected = new ArrayList<>(secrets.size());
    for (WebhookSecret secret : secrets) {
      expected.add(WebhookSigner.mac(secret, msgId, timestampSeconds, body));
    }
    for (String signature : signatureHeader.split(" ")) {
      byte[] candidate = decodeV1(signature);
      if (candidate == null) {
        continue;
      }
      for (byte[] mac : expected) {
        if (MessageDigest.isEqual(mac, candidate)) {
          return msgId;
        }
      }
    }
    throw new WebhookVerificationException(
        Reason.NO_MATCHING_SIGNATURE,
        "No v1 signature in " + SIGNATURE_HEADER + " matches the message");
  }

  /**
   * {@link #verify(String, String, String, byte[])} with the body given as text, whose UTF-8 bytes
   * are checked.
   *
   * @param msgId the {@code webhook-id} value
   * @param timestamp the {@code webhook-timestamp} value, Unix seconds
   * @param signatureHeader the {@code webhook-signature} value, space-separated signatures
   * @param body the body received
   * @return the verified {@code webhook-id}
   * @throws WebhookVerificationException if the webhook must be rejected
   */
  public String verify(String msgId, String timestamp, String signatureHeader, String body) {
    return verify(msgId, timestamp, signatureHeader, WebhookSigner.utf8(body));
  }

  private static void requirePresent(String value, String header) {
    if (value == null || value.isEmpty()) {
      throw new WebhookVerificationException(
          Reason.MISSING_HEADER, "Missing " + header + " header");
    }
  }

  private static long parseTimestamp(String timestamp) {
    boolean digits = timestamp.length() <= MAX_TIMESTAMP_DIGITS;
    for (int i = 0; digits && i < timestamp.length(); i++) {
      digits = timestamp.charAt(i) >= '0' && timestamp.charAt(i) <= '9';
    }
    if (!digits) {
      throw new WebhookVerificationException(
          Reason.INVALID_TIMESTAMP, TIMESTAMP_HEADER + " is not a number of Unix seconds");
    }
    return Long.parseLong(timestamp);
  }

  private void checkTolerance(long timestampSeconds) {
    long age = clock.instant().getEpochSecond() - timestampSeconds;
    long toleranceSeconds = tolerance.getSeconds();
    if (age > toleranceSeconds) {
      throw new WebhookVerificationException(
          Reason.TIMESTAMP_TOO_OLD,
          String.format(
              "%s is %d s in the past, over the %d s tolerance",
              TIMESTAMP_HEADER, age, toleranceSeconds));
    }
    if (-age > toleranceSeconds) {
      throw new WebhookVerificationException(
          Reason.TIMESTAMP_TOO_NEW,
          String.format(
              "%s is %d s in the future, over the %d s tolerance",
              TIMESTAMP_HEADER, -age, toleranceSeconds));
    }
  }

  /** The MAC of a {@code v1,<base64>} signature, or null for another version or bad base64. */
  private static byte[] decodeV1(String signature) {
    int comma = signature.indexOf(',');
    if (comma < 0 || !WebhookSigner.VERSION.equals(signature.substring(0, comma))) {
      return null;
    }
    try {
      return Base64.getDecoder().decode(signature.substring(comma + 1));
    } catch (IllegalArgumentException e) {
      return null;
    }
  }

  private static String first(Map<String, ?> headers, String name) {
    List<String> values = values(headers, name);
    return values.isEmpty() ? null : values.get(0);
  }

  private static List<String> values(Map<String, ?> headers, String name) {
    List<String> values = new ArrayList<>();
    for (Map.Entry<String, ?> header : headers.entrySet()) {
      if (!name.equalsIgnoreCase(header.getKey()) || header.getValue() == null) {
        continue;
      }
      Object value = header.getValue();
      if (value instanceof CharSequence) {
        values.add(value.toString());
      } else if (value instanceof Iterable) {
        for (Object element : (Iterable<?>) value) {
          if (element != null) {
            values.add(element.toString());
          }
        }
      } else {
        throw new IllegalArgumentException(
            "Header " + name + " has a value that is neither a string nor a list of strings");
      }
    }
    return values;
  }
}
