package dev.kiln.webhooks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;

class WebhookSignerTest {

  // The Standard Webhooks reference test vector (libraries' sign tests).
  static final String SECRET = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
  static final String MSG_ID = "msg_p5jXN8AQM9LWM0D4loKWxJek";
  static final long TIMESTAMP = 1614265330L;
  static final String BODY = "{\"test\": 2432232314}";
  static final String SIGNATURE = "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=";

  @Test
  void signsTheReferenceVector() {
    WebhookSecret secret = WebhookSecret.parse(SECRET);

    assertThat(WebhookSigner.sign(MSG_ID, TIMESTAMP, BODY, secret)).isEqualTo(SIGNATURE);
    assertThat(WebhookSigner.sign(MSG_ID, TIMESTAMP, BODY.getBytes(StandardCharsets.UTF_8), secret))
        .isEqualTo(SIGNATURE);
  }

  @Test
  void referenceVectorMatchesAPlainJavaxCryptoComputation() throws Exception {
    byte[] key = Base64.getDecoder().decode("MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw");
    byte[] content = (MSG_ID + "." + TIMESTAMP + "." + BODY).getBytes(StandardCharsets.UTF_8);

    assertThat(independentSignature(key, content)).isEqualTo(SIGNATURE);
  }

  @Test
  void signsTheRawBodyBytesEvenWhenTheyAreNotUtf8() throws Exception {
    WebhookSecret secret = WebhookSecret.generate();
    byte[] body = {(byte) 0xff, (byte) 0xfe, 0, '{', '}'};
    byte[] prefix = (MSG_ID + "." + TIMESTAMP + ".").getBytes(StandardCharsets.US_ASCII);
    byte[] content = new byte[prefix.length + body.length];
    System.arraycopy(prefix, 0, content, 0, prefix.length);
    System.arraycopy(body, 0, content, prefix.length, body.length);

    assertThat(WebhookSigner.sign(MSG_ID, TIMESTAMP, body, secret))
        .isEqualTo(independentSignature(secret.key(), content));
  }

  @Test
  void signatureHeaderHasOneSignaturePerSecretInOrder() {
    WebhookSecret current = WebhookSecret.generate();
    WebhookSecret previous = WebhookSecret.parse(SECRET);

    String header =
        WebhookSigner.signatureHeader(MSG_ID, TIMESTAMP, BODY, List.of(current, previous));

    assertThat(header.split(" "))
        .containsExactly(WebhookSigner.sign(MSG_ID, TIMESTAMP, BODY, current), SIGNATURE);
  }

  @Test
  void signatureHeaderNeedsASecret() {
    assertThatThrownBy(() -> WebhookSigner.signatureHeader(MSG_ID, TIMESTAMP, BODY, List.of()))
        .isInstanceOf(IllegalArgumentException.class);
  }

  private static String independentSignature(byte[] key, byte[] content) throws Exception {
    Mac mac = Mac.getInstance("HmacSHA256");
    mac.init(new SecretKeySpec(key, "HmacSHA256"));
    return "v1," + Base64.getEncoder().encodeToString(mac.doFinal(content));
  }
}
