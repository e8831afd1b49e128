package dev.kiln.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kiln.e2e.EventStreamReader.Event;
import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Live streams with two API instances on one database, as replicas behind a load balancer: a client
 * on either sees every event of its jobs in the same order, and a client that reconnects to the
 * other instance with {@code Last-Event-ID} continues exactly where it was.
 */
class LiveStreamsIT {

  private static final int JOBS = 60;
  private static final String COMPLETED = "job.completed";
  private static final String EVENTS = "/v1/events";

  private static KilnStack stack;

  @BeforeAll
  static void start() throws IOException {
    stack = new KilnStack();
    stack.startServices(2);
  }

  @AfterAll
  static void stop() throws IOException {
    if (stack != null) {
      stack.close();
    }
  }

  @Test
  void clientsOfEitherInstanceSeeEveryEventInOneOrderAndResumeOnTheOther() throws Exception {
    URI first = stack.api(0);
    URI second = stack.api(1);
    List<KilnClient> clients =
        List.of(
            new KilnClient(first, KilnStack.API_KEY), new KilnClient(second, KilnStack.API_KEY));
    try (EventStreamReader onFirst = open(first, null);
        EventStreamReader onSecond = open(second, null);
        EventStreamReader moving = open(first, null)) {
      List<String> media =
          clients.stream().map(c -> TestJobs.upload(c, TestJobs.png(16, 16))).toList();
      List<String> jobIds = new ArrayList<>();
      for (int i = 0; i < JOBS; i++) {
        jobIds.add(TestJobs.submitResize(clients.get(i % 2), media.get(i % 2), 8, 8));
      }

      List<Event> movingEvents = new ArrayList<>(moving.until(COMPLETED, JOBS / 2));
      moving.close();
      try (EventStreamReader resumed = open(second, movingEvents.getLast().id())) {
        movingEvents.addAll(resumed.until(COMPLETED, JOBS - completions(movingEvents)));
      }
      List<Event> firstEvents = onFirst.until(COMPLETED, JOBS);
      List<Event> secondEvents = onSecond.until(COMPLETED, JOBS);
      TestJobs.awaitAllCompleted(clients.getFirst(), jobIds, Duration.ofMinutes(2));

      List<String> reference = stateChanges(firstEvents);
      assertThat(reference)
          .as("three state changes of every job")
          .hasSize(JOBS * 3)
          .doesNotHaveDuplicates();
      assertThat(firstEvents.stream().map(Event::jobId).distinct())
          .containsExactlyInAnyOrderElementsOf(jobIds);
      Map<String, List<String>> byJob =
          firstEvents.stream()
              .filter(e -> !e.type().equals("job.progress"))
              .collect(
                  Collectors.groupingBy(
                      Event::jobId, Collectors.mapping(Event::type, Collectors.toList())));
      assertThat(byJob.values())
          .allSatisfy(
              types ->
                  assertThat(types).containsExactly("job.queued", "job.processing", COMPLETED));
      assertThat(stateChanges(secondEvents))
          .as("the other instance's stream, in the same order")
          .isEqualTo(reference);
      assertThat(stateChanges(movingEvents))
          .as("a stream resumed on the other instance: nothing missed, nothing twice")
          .isEqualTo(reference);
      assertThat(movingEvents.stream().map(Event::id)).doesNotHaveDuplicates();
    }
  }

  private static EventStreamReader open(URI api, String lastEventId) throws InterruptedException {
    return EventStreamReader.open(api, EVENTS, KilnStack.API_KEY, lastEventId).awaitOpen();
  }

  private static int completions(List<Event> events) {
    return (int) events.stream().filter(e -> e.type().equals(COMPLETED)).count();
  }

  /** "job type id" of every event but progress (which a slow client may see fewer of). */
  private static List<String> stateChanges(List<Event> events) {
    return events.stream()
        .filter(e -> !e.type().equals("job.progress"))
        .map(e -> e.key() + " " + e.id())
        .toList();
  }
}
