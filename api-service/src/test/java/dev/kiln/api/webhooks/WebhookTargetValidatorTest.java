package dev.kiln.api.webhooks;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kiln.model.validation.Violation;
import dev.kiln.model.validation.Violations;
import dev.kiln.outbound.OutboundPolicy;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The SSRF guard on webhook targets with no allow-list, as in production by default. */
class WebhookTargetValidatorTest {

  /** {@code receiver.example} resolves to loopback, {@code public.example} to a public address. */
  private final WebhookTargetValidator validator =
      new WebhookTargetValidator(
          OutboundPolicy.strict(),
          host ->
              switch (host) {
                case "receiver.example" -> List.of(InetAddress.getByName("127.0.0.1"));
                case "public.example" -> List.of(InetAddress.getByName("93.184.215.14"));
                default -> throw new UnknownHostException(host);
              });

  @ParameterizedTest
  @ValueSource(
      strings = {
        "http://127.0.0.1/hook",
        "http://10.0.0.1/hook",
        "http://169.254.169.254/latest/meta-data",
        "http://[::ffff:127.0.0.1]/hook",
        "http://[::1]/hook",
        "http://192.168.1.10/hook",
        "http://localhost/hook",
        "http://metadata.google.internal/",
        "ftp://public.example/hook",
        "http://user:pass@public.example/hook",
        "/relative/hook"
      })
  void blockedOrMalformedTargetsAreRefusedWithoutDns(String url) {
    Violations violations = new Violations();
    validator.checkSyntax(url, "url", violations);
    assertThat(violations.list()).singleElement().extracting(Violation::field).isEqualTo("url");
  }

  @Test
  void aNameThatResolvesToLoopbackIsRefusedAtRegistration() {
    Violations violations = new Violations();
    validator.checkSyntax("https://receiver.example/hook", "url", violations);
    assertThat(violations.isEmpty()).isTrue();

    Violation refused =
        validator
            .checkResolved("https://receiver.example/hook", "url")
            .await()
            .atMost(Duration.ofSeconds(5));
    assertThat(refused.field()).isEqualTo("url");
    assertThat(refused.message()).contains("loopback");
  }

  @Test
  void aPublicNameIsAccepted() {
    assertThat(
            validator
                .checkResolved("https://public.example/hook", "url")
                .await()
                .atMost(Duration.ofSeconds(5)))
        .isNull();
  }

  @Test
  void anUnknownHostIsRefused() {
    assertThat(
            validator
                .checkResolved("https://nowhere.example/hook", "url")
                .await()
                .atMost(Duration.ofSeconds(5))
                .message())
        .contains("nowhere.example");
  }

  @Test
  void eventTypesAreChecked() {
    Violations violations = new Violations();
    validator.checkEvents(List.of("job.completed", "job.done"), "events", violations);
    assertThat(violations.list())
        .singleElement()
        .extracting(Violation::field)
        .isEqualTo("events[1]");

    Violations empty = new Violations();
    validator.checkEvents(List.of(), "events", empty);
    assertThat(empty.isEmpty()).isFalse();

    Violations test = new Violations();
    validator.checkEvents(List.of("webhook.test"), "events", test);
    assertThat(test.isEmpty()).isFalse();
  }
}
