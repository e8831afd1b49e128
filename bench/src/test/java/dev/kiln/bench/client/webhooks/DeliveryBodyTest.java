package dev.kiln.bench.client.webhooks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class DeliveryBodyTest {

  @Test
  void readsTheTypeTheEventTimeAndTheJob() {
    DeliveryBody body =
        DeliveryBody.parse(
            bytes(
                """
                {"type": "job.completed", "timestamp": "2026-12-06T03:04:55.123456Z",
                 "data": {"id": "job_01", "object": "job", "status": "completed", "attempt": 1,
                          "sequence": 3, "result": {"url": "http://x"}}}
                """));
    assertThat(body)
        .isEqualTo(
            new DeliveryBody(
                "job.completed", Instant.parse("2026-12-06T03:04:55.123456Z"), "job_01"));
  }

  @Test
  void anEventThatIsNotAJobsHasNoJob() {
    DeliveryBody body =
        DeliveryBody.parse(
            bytes(
                "{\"type\":\"webhook.test\",\"timestamp\":\"2026-12-06T03:04:55Z\","
                    + "\"data\":{\"message\":\"hi\"}}"));
    assertThat(body.jobId()).isNull();
    assertThat(body.type()).isEqualTo("webhook.test");
  }

  @Test
  void offsetsOtherThanZAreTheSameInstant() {
    assertThat(
            DeliveryBody.parse(
                    bytes(
                        "{\"type\":\"job.queued\",\"timestamp\":\"2026-12-06T04:04:55+01:00\","
                            + "\"data\":{\"id\":\"job_01\"}}"))
                .timestamp())
        .isEqualTo(Instant.parse("2026-12-06T03:04:55Z"));
  }

  @Test
  void somethingElseIsRefused() {
    assertThatThrownBy(() -> DeliveryBody.parse(bytes("not json")))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> DeliveryBody.parse(bytes("[1]")))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> DeliveryBody.parse(bytes("{\"type\":\"job.queued\"}")))
        .hasMessageContaining("timestamp");
    assertThatThrownBy(
            () ->
                DeliveryBody.parse(bytes("{\"type\":\"job.queued\",\"timestamp\":\"yesterday\"}")))
        .hasMessageContaining("ISO-8601");
  }

  private static byte[] bytes(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }
}
