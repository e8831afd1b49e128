package dev.kiln.webhooks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.util.Base64;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class WebhookSecretTest {

  private static final String BASE64 = "MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";

  @Test
  void parsesWithOrWithoutThePrefix() {
    WebhookSecret prefixed = WebhookSecret.parse("whsec_" + BASE64);
    WebhookSecret bare = WebhookSecret.parse(BASE64);

    assertThat(prefixed.key()).isEqualTo(Base64.getDecoder().decode(BASE64)).hasSize(24);
    assertThat(bare).isEqualTo(prefixed);
    assertThat(bare.value()).isEqualTo(prefixed.value()).isEqualTo("whsec_" + BASE64);
  }

  @Test
  void keyIsACopy() {
    WebhookSecret secret = WebhookSecret.parse(BASE64);

    secret.key()[0] ^= 1;

    assertThat(secret.key()).isEqualTo(Base64.getDecoder().decode(BASE64));
  }

  @Test
  void toStringHidesTheSecret() {
    WebhookSecret secret = WebhookSecret.generate();

    assertThat(secret.toString())
        .isEqualTo("WebhookSecret[whsec_…]")
        .doesNotContain(secret.value().substring("whsec_".length(), "whsec_".length() + 4));
    assertThat(WebhookSecret.parse(BASE64).toString()).doesNotContain(BASE64.substring(0, 4));
  }

  @Test
  void generatesParseableDistinctSecretsOf32Bytes() {
    Set<String> values = new HashSet<>();
    for (int i = 0; i < 100; i++) {
      WebhookSecret secret = WebhookSecret.generate();
      assertThat(secret.value()).startsWith("whsec_");
      assertThat(secret.key()).hasSize(32);
      assertThat(WebhookSecret.parse(secret.value())).isEqualTo(secret);
      values.add(secret.value());
    }
    assertThat(values).hasSize(100);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "",
        "whsec_",
        "whsec_p@ss w0rd!!",
        "whsec_Zm9vYmFy", // 6 bytes: too short
        "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2La", // 24 characters: 18 bytes
        "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw-_" // URL-safe alphabet is not base64
      })
  void rejectsInvalidSecretsWithoutEchoingThem(String text) {
    IllegalArgumentException e =
        catchThrowableOfType(IllegalArgumentException.class, () -> WebhookSecret.parse(text));

    assertThat(e).isNotNull();
    assertThat(e.getMessage()).startsWith("Webhook secret");
    assertThat(e.getCause()).isNull();
    String body = text.startsWith("whsec_") ? text.substring("whsec_".length()) : text;
    if (body.length() >= 4) {
      assertThat(e.getMessage()).doesNotContain(body.substring(0, 4));
    }
  }

  @Test
  void rejectsNullAndKeysOutside24To64Bytes() {
    assertThat(
            catchThrowableOfType(IllegalArgumentException.class, () -> WebhookSecret.parse(null)))
        .isNotNull();
    String tooLong = Base64.getEncoder().encodeToString(new byte[65]);
    assertThat(
            catchThrowableOfType(
                IllegalArgumentException.class, () -> WebhookSecret.parse("whsec_" + tooLong)))
        .hasMessageContaining("65 bytes");
    assertThat(WebhookSecret.parse(Base64.getEncoder().encodeToString(new byte[64])).key())
        .hasSize(64);
  }
}
