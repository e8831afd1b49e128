package dev.kiln.webhooks;

import static dev.kiln.webhooks.WebhookSignerTest.BODY;
import static dev.kiln.webhooks.WebhookSignerTest.MSG_ID;
import static dev.kiln.webhooks.WebhookSignerTest.SIGNATURE;
import static dev.kiln.webhooks.WebhookSignerTest.TIMESTAMP;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kiln.webhooks.WebhookVerificationException.Reason;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class WebhookVerifierTest {

  private static final WebhookSecret SECRET = WebhookSecret.parse(WebhookSignerTest.SECRET);
  private static final WebhookSecret OTHER = WebhookSecret.generate();
  private static final String TS = Long.toString(TIMESTAMP);

  private final WebhookVerifier verifier = WebhookVerifier.of(SECRET).withClock(clockAt(TIMESTAMP));

  @Test
  void acceptsTheReferenceVectorAndReturnsTheMessageId() {
    assertThat(verifier.verify(MSG_ID, TS, SIGNATURE, BODY)).isEqualTo(MSG_ID);
    assertThat(verifier.verify(MSG_ID, TS, SIGNATURE, BODY.getBytes(StandardCharsets.UTF_8)))
        .isEqualTo(MSG_ID);
  }

  @Test
  void acceptsHeaderMapsOfListsOrStrings() {
    Map<String, List<String>> lists =
        Map.of(
            "webhook-id", List.of(MSG_ID),
            "webhook-timestamp", List.of(TS),
            "webhook-signature", List.of(SIGNATURE));
    Map<String, String> strings =
        Map.of("webhook-id", MSG_ID, "webhook-timestamp", TS, "webhook-signature", SIGNATURE);

    assertThat(verifier.verify(lists, BODY)).isEqualTo(MSG_ID);
    assertThat(verifier.verify(strings, BODY.getBytes(StandardCharsets.UTF_8))).isEqualTo(MSG_ID);
  }

  @Test
  void headerNamesAreCaseInsensitive() {
    Map<String, String> headers =
        Map.of("Webhook-Id", MSG_ID, "WEBHOOK-TIMESTAMP", TS, "webHook-Signature", SIGNATURE);

    assertThat(verifier.verify(headers, BODY)).isEqualTo(MSG_ID);
  }

  @Test
  void acceptsAnyOfSeveralSecretsDuringTheReceiversRotation() {
    WebhookVerifier rotating = WebhookVerifier.of(OTHER, SECRET).withClock(clockAt(TIMESTAMP));

    assertThat(rotating.verify(MSG_ID, TS, SIGNATURE, BODY)).isEqualTo(MSG_ID);
    assertThat(
            rotating.verify(MSG_ID, TS, WebhookSigner.sign(MSG_ID, TIMESTAMP, BODY, OTHER), BODY))
        .isEqualTo(MSG_ID);
  }

  @Test
  void acceptsAnyOfSeveralSignaturesDuringTheSendersRotation() {
    String header = WebhookSigner.signatureHeader(MSG_ID, TIMESTAMP, BODY, List.of(OTHER, SECRET));

    assertThat(verifier.verify(MSG_ID, TS, header, BODY)).isEqualTo(MSG_ID);
  }

  @Test
  void considersSignaturesSpreadOverSeveralHeaderValues() {
    Map<String, List<String>> headers =
        Map.of(
            "webhook-id", List.of(MSG_ID),
            "webhook-timestamp", List.of(TS),
            "webhook-signature", List.of("v1,AAAA", SIGNATURE));

    assertThat(verifier.verify(headers, BODY)).isEqualTo(MSG_ID);
  }

  @Test
  void rejectsATamperedBody() {
    assertRejected(
        () -> verifier.verify(MSG_ID, TS, SIGNATURE, "{\"test\": 2432232315}"),
        Reason.NO_MATCHING_SIGNATURE);
    assertRejected(
        () -> verifier.verify(MSG_ID, TS, SIGNATURE, BODY + " "), Reason.NO_MATCHING_SIGNATURE);
  }

  @Test
  void rejectsATamperedId() {
    assertRejected(
        () -> verifier.verify("msg_p5jXN8AQM9LWM0D4loKWxJeK", TS, SIGNATURE, BODY),
        Reason.NO_MATCHING_SIGNATURE);
  }

  @Test
  void rejectsATamperedTimestampWithinTolerance() {
    String later = Long.toString(TIMESTAMP + 1);

    assertRejected(
        () -> verifier.verify(MSG_ID, later, SIGNATURE, BODY), Reason.NO_MATCHING_SIGNATURE);
  }

  @Test
  void rejectsASignatureMadeWithAnotherSecret() {
    String signature = WebhookSigner.sign(MSG_ID, TIMESTAMP, BODY, OTHER);

    assertRejected(
        () -> verifier.verify(MSG_ID, TS, signature, BODY), Reason.NO_MATCHING_SIGNATURE);
  }

  @Test
  void acceptsTimestampsUpToTheToleranceEitherWay() {
    long tolerance = WebhookVerifier.DEFAULT_TOLERANCE.getSeconds();

    assertThat(
            verifier.withClock(clockAt(TIMESTAMP + tolerance)).verify(MSG_ID, TS, SIGNATURE, BODY))
        .isEqualTo(MSG_ID);
    assertThat(
            verifier.withClock(clockAt(TIMESTAMP - tolerance)).verify(MSG_ID, TS, SIGNATURE, BODY))
        .isEqualTo(MSG_ID);
  }

  @Test
  void rejectsTimestampsBeyondTheTolerance() {
    long tolerance = WebhookVerifier.DEFAULT_TOLERANCE.getSeconds();

    assertRejected(
        () ->
            verifier
                .withClock(clockAt(TIMESTAMP + tolerance + 1))
                .verify(MSG_ID, TS, SIGNATURE, BODY),
        Reason.TIMESTAMP_TOO_OLD);
    assertRejected(
        () ->
            verifier
                .withClock(clockAt(TIMESTAMP - tolerance - 1))
                .verify(MSG_ID, TS, SIGNATURE, BODY),
        Reason.TIMESTAMP_TOO_NEW);
  }

  @Test
  void toleranceIsConfigurable() {
    WebhookVerifier strict = verifier.withTolerance(Duration.ofSeconds(10));

    assertThat(strict.withClock(clockAt(TIMESTAMP + 10)).verify(MSG_ID, TS, SIGNATURE, BODY))
        .isEqualTo(MSG_ID);
    assertRejected(
        () -> strict.withClock(clockAt(TIMESTAMP + 11)).verify(MSG_ID, TS, SIGNATURE, BODY),
        Reason.TIMESTAMP_TOO_OLD);
  }

  @ParameterizedTest
  @ValueSource(strings = {"webhook-id", "webhook-timestamp", "webhook-signature"})
  void rejectsAMissingHeader(String missing) {
    Map<String, String> headers =
        new HashMap<>(
            Map.of("webhook-id", MSG_ID, "webhook-timestamp", TS, "webhook-signature", SIGNATURE));
    headers.remove(missing);
    Map<String, List<String>> emptyValue = Map.of(missing, List.of());

    assertRejected(() -> verifier.verify(headers, BODY), Reason.MISSING_HEADER);
    assertRejected(() -> verifier.verify(emptyValue, BODY), Reason.MISSING_HEADER);
  }

  @Test
  void rejectsMissingOrEmptyExplicitValues() {
    assertRejected(() -> verifier.verify(null, TS, SIGNATURE, BODY), Reason.MISSING_HEADER);
    assertRejected(() -> verifier.verify(MSG_ID, "", SIGNATURE, BODY), Reason.MISSING_HEADER);
    assertRejected(() -> verifier.verify(MSG_ID, TS, null, BODY), Reason.MISSING_HEADER);
  }

  @ParameterizedTest
  @ValueSource(strings = {"abc", "-1", "+1614265330", "1614265330.0", " 1614265330", "1e9"})
  void rejectsANonNumericTimestamp(String timestamp) {
    assertRejected(
        () -> verifier.verify(MSG_ID, timestamp, SIGNATURE, BODY), Reason.INVALID_TIMESTAMP);
  }

  @Test
  void rejectsATimestampTooLargeForALong() {
    assertRejected(
        () -> verifier.verify(MSG_ID, "99999999999999999999", SIGNATURE, BODY),
        Reason.INVALID_TIMESTAMP);
  }

  @Test
  void ignoresUnknownSignatureVersions() {
    String mac = SIGNATURE.substring("v1,".length());

    assertThat(verifier.verify(MSG_ID, TS, "v1a," + mac + " v2," + mac + " " + SIGNATURE, BODY))
        .isEqualTo(MSG_ID);
    assertRejected(
        () -> verifier.verify(MSG_ID, TS, "v1a," + mac + " v2," + mac + " V1," + mac, BODY),
        Reason.NO_MATCHING_SIGNATURE);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "v1,not*base64!",
        "v1,",
        "v1",
        ",",
        "   ",
        "v1,====",
        "v1,g0hM9SsE-OTPJTGt_tmIKtSyZlE3uFJELVlNIOLJ1OE=",
        "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=,extra",
        "v1,AAAA v1,%%% v1a,@@"
      })
  void garbageSignaturesOnlyFailVerification(String signatureHeader) {
    assertRejected(
        () -> verifier.verify(MSG_ID, TS, signatureHeader, BODY), Reason.NO_MATCHING_SIGNATURE);
  }

  private static void assertRejected(ThrowingCallable verification, Reason reason) {
    assertThatThrownBy(verification)
        .isInstanceOfSatisfying(
            WebhookVerificationException.class, e -> assertThat(e.reason()).isEqualTo(reason));
  }

  private static Clock clockAt(long epochSecond) {
    return Clock.fixed(Instant.ofEpochSecond(epochSecond), ZoneOffset.UTC);
  }
}
