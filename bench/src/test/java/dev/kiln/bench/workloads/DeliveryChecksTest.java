package dev.kiln.bench.workloads;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import dev.kiln.bench.RunResult;
import dev.kiln.bench.client.webhooks.DeliveryLedger;
import dev.kiln.bench.client.webhooks.ReceivedDelivery;
import dev.kiln.webhooks.WebhookSecret;
import dev.kiln.webhooks.WebhookSigner;
import dev.kiln.webhooks.WebhookVerifier;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class DeliveryChecksTest {

  private final WebhookSecret secret = WebhookSecret.generate();
  private final DeliveryLedger ledger = new DeliveryLedger(DeliveryChecks.REQUIRED);
  private int evt;

  DeliveryChecksTest() {
    ledger.expect("/e1", WebhookVerifier.of(secret));
  }

  @Test
  void everyDeliveryOnceAndWellSignedIsNoProblem() {
    DeliveryChecks.REQUIRED.forEach(type -> ledger.record(delivery("job_a", type, secret)));
    RunResult result = check(List.of("job_a"));
    assertThat(result.problems()).isEmpty();
    assertThat(result.figures())
        .extracting(RunResult.Figure::label, RunResult.Figure::value)
        .containsExactly(
            tuple("p: duplicates", 0.0),
            tuple("p: bad signatures or bodies", 0.0),
            tuple("p: missing", 0.0));
  }

  @Test
  void lostDuplicateAndBadlySignedDeliveriesFailTheRun() {
    ReceivedDelivery queued = delivery("job_a", "job.queued", secret);
    ledger.record(queued);
    ledger.record(queued);
    ledger.record(delivery("job_a", "job.processing", WebhookSecret.generate()));
    ledger.record(delivery("job_a", "job.failed", secret));

    List<String> problems = check(List.of("job_a")).problems();
    assertThat(problems).hasSize(4);
    assertThat(problems.get(0)).startsWith("p: 2 deliveries lost").contains("for 120 s");
    assertThat(problems.get(1)).startsWith("p: 1 duplicate deliveries");
    assertThat(problems.get(2)).startsWith("p: 1 deliveries failed verification (1)");
    assertThat(problems.get(3)).isEqualTo("p: jobs not completed: {job.failed=1}");
  }

  private RunResult check(List<String> jobs) {
    RunResult result = new RunResult("delivery");
    DeliveryChecks.add(result, "p: ", ledger, jobs, Duration.ofSeconds(120));
    return result;
  }

  private ReceivedDelivery delivery(String jobId, String type, WebhookSecret signer) {
    String id = "evt_" + ++evt;
    byte[] body =
        ("{\"type\":\"%s\",\"timestamp\":\"%s\",\"data\":{\"id\":\"%s\"}}"
                .formatted(type, Instant.now(), jobId))
            .getBytes(StandardCharsets.UTF_8);
    long now = Instant.now().getEpochSecond();
    return new ReceivedDelivery(
        "/e1",
        id,
        Long.toString(now),
        WebhookSigner.sign(id, now, body, signer),
        body,
        Instant.now(),
        System.nanoTime());
  }
}
