package dev.kiln.bench.client.webhooks;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kiln.webhooks.WebhookSecret;
import dev.kiln.webhooks.WebhookSigner;
import dev.kiln.webhooks.WebhookVerifier;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DeliveryLedgerTest {

  private static final List<String> REQUIRED =
      List.of("job.queued", "job.processing", "job.completed");
  private static final Instant EVENT = Instant.parse("2026-12-06T03:04:55.100Z");

  private final WebhookSecret one = WebhookSecret.generate();
  private final WebhookSecret two = WebhookSecret.generate();
  private final DeliveryLedger ledger = new DeliveryLedger(REQUIRED);
  private long evt;

  DeliveryLedgerTest() {
    ledger.expect("/e1", WebhookVerifier.of(one));
    ledger.expect("/e2", WebhookVerifier.of(two));
  }

  @Test
  void everyRequiredEventOfEveryJobAtEveryEndpointIsAccountedFor() {
    for (String type : REQUIRED) {
      ledger.record(signed("/e1", one, type, "job_a", 10));
      ledger.record(signed("/e2", two, type, "job_a", 10));
    }
    ledger.record(signed("/e1", one, "job.queued", "job_b", 10));
    ledger.record(signed("/e1", one, "job.progress", "job_b", 10));

    assertThat(ledger.unique()).isEqualTo(8);
    assertThat(ledger.requiredReceived()).isEqualTo(7);
    DeliveryLedger.Shortfall shortfall = ledger.shortfall(List.of("job_a", "job_b"));
    // job_b: processing and completed at /e1, all three at /e2
    assertThat(shortfall.missing()).isEqualTo(5);
    assertThat(shortfall.samples()).hasSize(3).allMatch(s -> s.contains("job_b"));
    assertThat(shortfall.unexpectedJobs()).isZero();
    assertThat(ledger.shortfall(List.of("job_a")).unexpectedJobs()).isEqualTo(1);
  }

  @Test
  void theSameWebhookIdAtTheSameEndpointAgainIsADuplicate() {
    ReceivedDelivery first = signed("/e1", one, "job.queued", "job_a", 10);
    ledger.record(first);
    ledger.record(resigned(first, one)); // a retry: same id, a later attempt's signature
    ledger.record(signed("/e2", two, "job.queued", "job_a", 10)); // another endpoint: not one

    assertThat(ledger.duplicates()).isEqualTo(1);
    assertThat(ledger.unique()).isEqualTo(2);
  }

  @Test
  void aSignatureMadeWithAnotherSecretIsBadAndNotCounted() {
    ledger.record(signed("/e1", two, "job.queued", "job_a", 10));
    ReceivedDelivery tampered = signed("/e1", one, "job.queued", "job_b", 10);
    tampered.body()[tampered.body().length - 2] = ' ';
    ledger.record(tampered);

    assertThat(ledger.badSignatures()).isEqualTo(2);
    assertThat(ledger.badSamples()).allMatch(s -> s.contains("NO_MATCHING_SIGNATURE"));
    assertThat(ledger.unique()).isZero();
    assertThat(ledger.shortfall(List.of("job_a")).missing()).isEqualTo(6);
  }

  @Test
  void aMissingHeaderIsBad() {
    ReceivedDelivery good = signed("/e1", one, "job.queued", "job_a", 10);
    ledger.record(
        new ReceivedDelivery(
            "/e1",
            good.webhookId(),
            good.webhookTimestamp(),
            null,
            good.body(),
            good.receivedAt(),
            0));
    assertThat(ledger.badSamples()).singleElement().asString().contains("MISSING_HEADER");
  }

  @Test
  void aPathOfNoEndpointIsAStrayAndAnUnreadableBodyIsCounted() {
    ledger.record(signed("/e9", one, "job.queued", "job_a", 10));
    String id = "evt_x";
    long now = Instant.now().getEpochSecond();
    byte[] body = "not json".getBytes(StandardCharsets.UTF_8);
    ledger.record(
        new ReceivedDelivery(
            "/e1",
            id,
            Long.toString(now),
            WebhookSigner.sign(id, now, body, one),
            body,
            Instant.now(),
            0));

    assertThat(ledger.strays()).isEqualTo(1);
    assertThat(ledger.malformed()).isEqualTo(1);
    assertThat(ledger.unique()).isZero();
  }

  @Test
  void latencyIsFromTheEventTimestampToTheReceipt() {
    for (int i = 1; i <= 100; i++) {
      ledger.record(signed("/e1", one, "job.queued", "job_" + i, i));
    }
    assertThat(ledger.latencies().count()).isEqualTo(100);
    assertThat(ledger.latencies().percentileMillis(50)).isBetween(49.9, 50.1);
    assertThat(ledger.latencies().percentileMillis(99)).isBetween(98.9, 99.1);
    assertThat(ledger.latencies().maxMillis()).isBetween(99.9, 100.1);
  }

  @Test
  void latencyIsAlsoKeptPerEventType() {
    ledger.record(signed("/e1", one, "job.queued", "job_a", 10));
    ledger.record(signed("/e1", one, "job.completed", "job_a", 30));
    ledger.record(signed("/e1", one, "job.completed", "job_b", 50));
    assertThat(ledger.latencies("job.queued").count()).isEqualTo(1);
    assertThat(ledger.latencies("job.completed").maxMillis()).isBetween(49.9, 50.1);
    assertThat(ledger.latencies("job.failed").count()).isZero();
  }

  @Test
  void receiptTimesSpanTheDistinctDeliveries() {
    assertThat(ledger.firstNanos(-1)).isEqualTo(-1);
    ledger.record(at(signed("/e1", one, "job.queued", "job_a", 1), 500));
    ledger.record(at(signed("/e1", one, "job.processing", "job_a", 1), 200));
    ledger.record(at(signed("/e1", one, "job.completed", "job_a", 1), 900));
    assertThat(ledger.firstNanos(-1)).isEqualTo(200);
    assertThat(ledger.lastNanos(-1)).isEqualTo(900);
  }

  @Test
  void jobsThatEndedOtherwiseAreCountedOnceEach() {
    ledger.record(signed("/e1", one, "job.failed", "job_a", 1));
    ledger.record(signed("/e2", two, "job.failed", "job_a", 1));
    ledger.record(signed("/e1", one, "job.cancelled", "job_b", 1));
    assertThat(ledger.otherEnds())
        .containsExactly(Map.entry("job.cancelled", 1), Map.entry("job.failed", 1));
  }

  /** A delivery as Kiln signs it, received {@code millis} after its event. */
  private ReceivedDelivery signed(
      String path, WebhookSecret secret, String type, String jobId, long millis) {
    String id = "evt_" + ++evt;
    byte[] body =
        ("{\"type\":\"%s\",\"timestamp\":\"%s\",\"data\":{\"id\":\"%s\",\"status\":\"x\"}}"
                .formatted(type, EVENT, jobId))
            .getBytes(StandardCharsets.UTF_8);
    long now = Instant.now().getEpochSecond();
    return new ReceivedDelivery(
        path,
        id,
        Long.toString(now),
        WebhookSigner.sign(id, now, body, secret),
        body,
        EVENT.plusMillis(millis),
        System.nanoTime());
  }

  private static ReceivedDelivery resigned(ReceivedDelivery delivery, WebhookSecret secret) {
    long later = Long.parseLong(delivery.webhookTimestamp()) + 120;
    return new ReceivedDelivery(
        delivery.path(),
        delivery.webhookId(),
        Long.toString(later),
        WebhookSigner.sign(delivery.webhookId(), later, delivery.body(), secret),
        delivery.body(),
        delivery.receivedAt(),
        delivery.receivedNanos());
  }

  private static ReceivedDelivery at(ReceivedDelivery delivery, long nanos) {
    return new ReceivedDelivery(
        delivery.path(),
        delivery.webhookId(),
        delivery.webhookTimestamp(),
        delivery.signature(),
        delivery.body(),
        delivery.receivedAt(),
        nanos);
  }
}
