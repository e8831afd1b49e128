package dev.kiln.bench.client.sse;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class StreamLedgerTest {

  private static final List<String> REQUIRED =
      List.of("job.queued", "job.processing", "job.completed");
  private static final Instant OPENED = Instant.parse("2026-12-06T03:04:55Z");
  private static final Instant STARTED = OPENED.plusMillis(100);
  private static final Instant COMPLETED = OPENED.plusMillis(200);

  private final StreamLedger ledger = new StreamLedger(REQUIRED);

  StreamLedgerTest() {
    ledger.expectEveryJob("tenant");
    ledger.opened("tenant", OPENED);
    ledger.expectJob("job_a#1", "job_a");
    ledger.opened("job_a#1", OPENED);
  }

  @Test
  void everyRequiredEventOfEveryJobOnEveryStreamIsAccountedFor() {
    whole("tenant", "job_a", 1);
    whole("job_a#1", "job_a", 1);
    receive("tenant", "job.queued", 7, "job_b", 0);

    StreamLedger.Shortfall shortfall = ledger.shortfall(List.of("job_a", "job_b"));

    assertThat(shortfall.expected()).isEqualTo(9); // tenant: 2 jobs × 3, job_a#1: 3
    assertThat(shortfall.received()).isEqualTo(7);
    assertThat(shortfall.missing()).isEqualTo(2);
    assertThat(shortfall.samples())
        .containsExactly("job.processing of job_b on tenant", "job.completed of job_b on tenant");
    assertThat(ledger.unique()).isEqualTo(7);
    assertThat(ledger.receivedByType()).containsEntry("job.queued", 3L);
  }

  @Test
  void theSameIdAgainIsADuplicateAndASmallerOneIsOutOfOrder() {
    receive("job_a#1", "job.queued", 1, "job_a", 0);
    receive("job_a#1", "job.processing", 2, "job_a", 0);
    receive("job_a#1", "job.processing", 2, "job_a", 0); // a resume that repeats
    receive("tenant", "job.processing", 2, "job_a", 0); // another stream: not a duplicate
    receive("tenant", "job.queued", 1, "job_a", 0); // after 2 on the same stream

    assertThat(ledger.duplicates()).isEqualTo(1);
    assertThat(ledger.outOfOrder()).isEqualTo(1);
    assertThat(ledger.unique()).isEqualTo(4);
    assertThat(ledger.badSamples())
        .containsExactly("job_a#1: job.processing 2 again", "tenant: job.queued 1 after 2");
  }

  @Test
  void idsOnlyHaveToGrowWithinAJob() {
    receive("tenant", "job.queued", 5, "job_b", 0);
    receive("tenant", "job.queued", 3, "job_a", 0);
    assertThat(ledger.outOfOrder()).isZero();
  }

  @Test
  void aJobStreamCarriesItsJobOnlyAndAStreamExpectingNothingCarriesNothing() {
    ledger.opened("held-1", OPENED);
    receive("job_a#1", "job.queued", 1, "job_b", 0);
    receive("held-1", "job.completed", 9, "job_c", 0);
    receive("tenant", "job.queued", 4, "job_of_someone_else", 0);

    assertThat(ledger.strays()).isEqualTo(2);
    assertThat(ledger.shortfall(List.of()).expected()).isZero();
  }

  @Test
  void unreadableEventsAreCountedNotTrusted() {
    ledger.record("tenant", new SseEvent("job.queued", "", "{\"id\":\"job_a\"}"), OPENED, 1);
    ledger.record("tenant", new SseEvent("job.queued", "3", "not json"), OPENED, 2);
    ledger.record(
        "tenant",
        new SseEvent("job.completed", "4", "{\"id\":\"job_a\",\"completed_at\":null}"),
        OPENED,
        3);

    assertThat(ledger.malformed()).isEqualTo(3);
    assertThat(ledger.unique()).isEqualTo(1); // the completed event, without a latency
    assertThat(ledger.latencies("job.completed").count()).isZero();
  }

  @Test
  void latencyIsFromTheWorkersTimeToTheReceipt() {
    for (int i = 1; i <= 100; i++) {
      String job = "job_" + i;
      receive("tenant", "job.processing", 2L * i, job, i);
      receive("tenant", "job.completed", 2L * i + 1, job, 2 * i);
    }

    assertThat(ledger.latencies("job.processing").count()).isEqualTo(100);
    assertThat(ledger.latencies("job.processing").percentileMillis(50)).isBetween(49.9, 50.1);
    assertThat(ledger.latencies("job.completed").percentileMillis(99)).isBetween(197.9, 198.1);
    assertThat(ledger.latencies("job.completed").maxMillis()).isBetween(199.9, 200.1);
    assertThat(ledger.latencies("job.queued").count()).isZero();
  }

  @Test
  void anEventThatHappenedBeforeItsStreamOpenedIsAReplayNotALatency() {
    ledger.expectJob("job_b#1", "job_b");
    ledger.opened("job_b#1", COMPLETED.plusMillis(5));
    ledger.opened("job_b#1", OPENED); // a reopening does not move the first opening
    receive("job_b#1", "job.processing", 2, "job_b", 300);
    receive("job_b#1", "job.completed", 3, "job_b", 300);

    assertThat(ledger.replayed()).isEqualTo(2);
    assertThat(ledger.latencies("job.completed").count()).isZero();
    assertThat(ledger.shortfall(List.of("job_b")).received()).isEqualTo(2);
  }

  @Test
  void aPairAwaitsItsEndUntilItsTerminalEventArrives() {
    assertThat(ledger.awaitingEnd(List.of("job_a", "job_b"))).isEqualTo(3);
    whole("tenant", "job_a", 1);
    receive("job_a#1", "job.queued", 1, "job_a", 0);
    assertThat(ledger.awaitingEnd(List.of("job_a", "job_b"))).isEqualTo(2);
    receive("tenant", "job.failed", 9, "job_b", 0);
    receive("job_a#1", "job.completed", 3, "job_a", 10);
    assertThat(ledger.awaitingEnd(List.of("job_a", "job_b"))).isZero();
    assertThat(ledger.shortfall(List.of("job_a", "job_b")).otherEnds())
        .containsExactly(Map.entry("job.failed", 1));
  }

  @Test
  void theLastReceiptIsKept() {
    assertThat(ledger.lastReceiptNanos(-1)).isEqualTo(-1);
    receive("tenant", "job.queued", 1, "job_a", 0);
    assertThat(ledger.lastReceiptNanos(-1)).isEqualTo(1000);
  }

  /** A job's queued, processing and completed events, ids from {@code firstId} on. */
  private void whole(String subscriber, String job, long firstId) {
    receive(subscriber, "job.queued", firstId, job, 0);
    receive(subscriber, "job.processing", firstId + 1, job, 10);
    receive(subscriber, "job.completed", firstId + 2, job, 10);
  }

  /**
   * An event as Kiln sends it, received {@code millis} after the worker's time of its type (the job
   * started at {@link #STARTED}, completed at {@link #COMPLETED}).
   */
  private void receive(String subscriber, String type, long id, String job, long millis) {
    String data =
        "{\"id\":\"%s\",\"status\":\"%s\",\"started_at\":\"%s\",\"completed_at\":\"%s\"}"
            .formatted(job, type.substring(4), STARTED, COMPLETED);
    Instant worker = type.equals("job.completed") ? COMPLETED : STARTED;
    ledger.record(
        subscriber, new SseEvent(type, Long.toString(id), data), worker.plusMillis(millis), 1000);
  }
}
