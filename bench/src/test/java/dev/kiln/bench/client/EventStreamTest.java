package dev.kiln.bench.client;

import static dev.kiln.bench.client.FakeKiln.eventually;
import static org.assertj.core.api.Assertions.assertThat;

import dev.kiln.bench.client.sse.EventStream;
import dev.kiln.bench.client.sse.SseEvent;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** An event stream against a stand-in API: where it resumes, and when it stops for good. */
class EventStreamTest {

  private FakeKiln kiln;
  private KilnClient client;
  private final List<String> heard = new CopyOnWriteArrayList<>();
  private final EventStream.Listener listener =
      new EventStream.Listener() {
        @Override
        public void opened(boolean again) {
          heard.add(again ? "reopened" : "opened");
        }

        @Override
        public void event(SseEvent event, long arrivalNanos) {
          heard.add(event.name() + " " + event.id());
        }

        @Override
        public void dropped(String reason) {
          heard.add("dropped");
        }

        @Override
        public void ended() {
          heard.add("ended");
        }
      };

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
  void aReconnectionResumesAfterTheLastEventSeen() throws Exception {
    EventStream stream = new EventStream(client, "/v1/events", listener);
    stream.open().get(20, TimeUnit.SECONDS);
    kiln.send("id: 41\nevent: job.queued\ndata: {}\n\nid: 42\nevent: job.processing\ndata: {}\n\n");
    eventually(() -> heard.contains("job.processing 42"));

    kiln.dropStreams();
    eventually(() -> heard.contains("reopened"));
    stream.close();

    assertThat(stream.lastEventId()).isEqualTo("42");
    assertThat(kiln.lastEventIds()).containsExactly("", "42");
    assertThat(heard)
        .containsExactly("opened", "job.queued 41", "job.processing 42", "dropped", "reopened");
  }

  @Test
  void aStreamKilnEndsAfterItsEndCommentIsNotReopened() throws Exception {
    EventStream stream = new EventStream(client, "/v1/events", listener);
    stream.open().get(20, TimeUnit.SECONDS);
    kiln.send("id: 3\nevent: job.completed\ndata: {}\n\n");
    eventually(() -> heard.contains("job.completed 3"));

    kiln.endStreams();
    eventually(() -> heard.contains("ended"));

    assertThat(heard).containsExactly("opened", "job.completed 3", "ended");
    assertThat(kiln.streamsOpened()).isEqualTo(1);
  }

  @Test
  void aNoContentAnswerEndsTheStreamWithoutOpeningIt() throws Exception {
    kiln.refuseStreams(204);
    EventStream stream = new EventStream(client, "/v1/events", listener);

    stream.open().get(20, TimeUnit.SECONDS);

    assertThat(heard).containsExactly("ended");
  }
}
