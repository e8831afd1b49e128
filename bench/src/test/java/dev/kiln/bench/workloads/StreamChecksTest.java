package dev.kiln.bench.workloads;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import dev.kiln.bench.RunResult;
import dev.kiln.bench.client.sse.SseEvent;
import dev.kiln.bench.client.sse.StreamLedger;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class StreamChecksTest {

  private static final Instant AT = Instant.parse("2026-12-06T03:04:55Z");

  private final StreamLedger ledger = new StreamLedger(StreamLatency.REQUIRED);

  StreamChecksTest() {
    ledger.expectEveryJob("tenant");
    ledger.expectJob("job_a#1", "job_a");
  }

  @Test
  void everyEventOnceInOrderIsNoProblem() {
    for (String subscriber : List.of("tenant", "job_a#1")) {
      receive(subscriber, "job.queued", 1, "job_a");
      receive(subscriber, "job.processing", 2, "job_a");
      receive(subscriber, "job.completed", 3, "job_a");
    }
    RunResult result = check(List.of("job_a"));

    assertThat(result.problems()).isEmpty();
    assertThat(result.figures())
        .extracting(RunResult.Figure::label, RunResult.Figure::value)
        .containsExactly(
            tuple("p: events expected", 6.0),
            tuple("p: events received", 6.0),
            tuple("p: missing", 0.0),
            tuple("p: duplicates", 0.0),
            tuple("p: out of order", 0.0),
            tuple("p: strays or unreadable", 0.0));
  }

  @Test
  void lostDuplicateOutOfOrderAndStrayEventsFailTheRun() {
    receive("tenant", "job.processing", 2, "job_a");
    receive("tenant", "job.queued", 1, "job_a");
    receive("tenant", "job.queued", 1, "job_a");
    receive("job_a#1", "job.queued", 1, "job_b");
    receive("tenant", "job.failed", 3, "job_a");

    List<String> problems = check(List.of("job_a")).problems();

    assertThat(problems).hasSize(5);
    assertThat(problems.get(0)).startsWith("p: 4 events lost").contains("for 120 s");
    assertThat(problems.get(1)).startsWith("p: 1 duplicate events");
    assertThat(problems.get(2)).startsWith("p: 1 events out of order");
    assertThat(problems.get(3)).startsWith("p: 1 events on a stream that does not carry");
    assertThat(problems.get(4)).isEqualTo("p: jobs not completed: {job.failed=1}");
  }

  private void receive(String subscriber, String type, long id, String job) {
    String data =
        "{\"id\":\"%s\",\"started_at\":\"%s\",\"completed_at\":\"%s\"}".formatted(job, AT, AT);
    ledger.record(subscriber, new SseEvent(type, Long.toString(id), data), AT, 0);
  }

  private RunResult check(List<String> jobs) {
    RunResult result = new RunResult("job");
    StreamChecks.add(result, "p: ", ledger, jobs, Duration.ofSeconds(120));
    return result;
  }
}
