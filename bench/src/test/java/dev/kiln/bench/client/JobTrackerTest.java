package dev.kiln.bench.client;

import static dev.kiln.bench.client.FakeKiln.eventually;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.groups.Tuple.tuple;

import java.time.Instant;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The tracker against a stand-in API: ends seen through the event stream, and its safety net. */
class JobTrackerTest {

  private FakeKiln kiln;
  private KilnClient client;

  @BeforeEach
  void start() throws Exception {
    kiln = new FakeKiln();
    client = new KilnClient(kiln.url(), "key", 8);
  }

  @AfterEach
  void stop() throws Exception {
    client.close();
    kiln.close();
  }

  @Test
  void terminalEventsEndJobsWithKilnsTimestamps() throws Exception {
    try (JobTracker tracker = JobTracker.open(client, Observe.SSE, 2)) {
      assertThat(kiln.streamsOpened()).as("stream open before the first submit").isEqualTo(1);
      long start = System.nanoTime();
      tracker.add("job_a", start);
      tracker.add("job_b", start);

      kiln.event("job_a", "processing");
      kiln.event("job_a", "completed");
      kiln.event("job_b", "failed");
      tracker.noMoreJobs();
      tracker.allEnded().get(20, TimeUnit.SECONDS);

      assertThat(tracker.ended())
          .extracting(EndedJob::id, EndedJob::status, EndedJob::errorCode)
          .containsExactly(
              tuple("job_a", "completed", null), tuple("job_b", "failed", "invalid_image"));
      EndedJob completed = tracker.ended().getFirst();
      assertThat(completed.createdAt()).isEqualTo(Instant.parse("2026-01-01T00:00:00Z"));
      assertThat(completed.serverNanos()).isEqualTo(TimeUnit.MILLISECONDS.toNanos(250));
      assertThat(completed.seenNanos()).isGreaterThanOrEqualTo(start);
      assertThat(tracker.endedByPoll()).isZero();
      assertThat(kiln.polls()).as("no poll while events arrive").isZero();
    }
  }

  @Test
  void anEventThatOvertakesItsSubmitAnswerStillCounts() throws Exception {
    try (JobTracker tracker = JobTracker.open(client, Observe.SSE, 2)) {
      kiln.event("job_fast", "completed");
      kiln.event("job_marker", "completed");
      tracker.add("job_marker", System.nanoTime());
      eventually(() -> tracker.ended().size() == 1); // the stream is in order: job_fast came first

      long start = System.nanoTime();
      tracker.add("job_fast", start);

      assertThat(tracker.ended()).extracting(EndedJob::id).contains("job_fast");
      assertThat(tracker.outstanding()).isEmpty();
    }
  }

  @Test
  void aMissedEventIsCaughtByPollsAfterTheLastSubmit() throws Exception {
    try (JobTracker tracker = JobTracker.open(client, Observe.SSE, 2)) {
      tracker.add("job_silent", System.nanoTime());
      kiln.state("job_silent", "completed"); // ended, but its event never comes
      tracker.noMoreJobs();

      tracker.allEnded().get(20, TimeUnit.SECONDS);

      assertThat(tracker.ended()).extracting(EndedJob::id).containsExactly("job_silent");
      assertThat(tracker.endedByPoll()).isEqualTo(1);
    }
  }

  @Test
  void aJobThatNeverEndsStaysOutstanding() throws Exception {
    try (JobTracker tracker = JobTracker.open(client, Observe.SSE, 2)) {
      tracker.add("job_stuck", System.nanoTime());
      kiln.event("job_stuck", "processing");
      tracker.noMoreJobs();

      assertThatThrownBy(() -> tracker.allEnded().get(3, TimeUnit.SECONDS))
          .isInstanceOf(TimeoutException.class);
      assertThat(tracker.outstanding()).containsExactly("job_stuck");
      assertThat(tracker.ended()).isEmpty();
    }
  }

  @Test
  void aDroppedStreamIsReopenedAndTheGapPolled() throws Exception {
    try (JobTracker tracker = JobTracker.open(client, Observe.SSE, 2)) {
      tracker.add("job_in_gap", System.nanoTime());
      kiln.dropStreams();
      kiln.state("job_in_gap", "completed"); // its event went nowhere

      eventually(() -> tracker.ended().size() == 1);

      assertThat(kiln.streamsOpened()).isGreaterThanOrEqualTo(2);
      assertThat(tracker.reconnects()).isGreaterThanOrEqualTo(1);
      assertThat(tracker.endedByPoll()).isEqualTo(1);

      tracker.add("job_after", System.nanoTime());
      eventually(() -> kiln.streamsOpened() == 2 && tracker.reconnects() == 1);
      kiln.event("job_after", "completed");
      eventually(() -> tracker.ended().size() == 2);
      assertThat(tracker.endedByPoll()).as("seen through the new stream").isEqualTo(1);
    }
  }

  @Test
  void aRefusedStreamFailsAtOnceAndNamesTheAlternative() {
    kiln.refuseStreams(404);

    assertThatThrownBy(() -> JobTracker.open(client, Observe.SSE, 2))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("404")
        .hasMessageContaining("--observe poll");
  }

  @Test
  void pollingAloneFollowsJobsWithoutAStream() throws Exception {
    try (JobTracker tracker = JobTracker.open(client, Observe.POLL, 2)) {
      tracker.add("job_polled", System.nanoTime());
      kiln.state("job_polled", "completed");
      tracker.noMoreJobs();

      tracker.allEnded().get(20, TimeUnit.SECONDS);

      assertThat(tracker.ended()).extracting(EndedJob::id).containsExactly("job_polled");
      assertThat(tracker.polls()).isPositive();
      assertThat(kiln.streamsOpened()).isZero();
    }
  }
}
