package dev.kiln.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Flow;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/** A Server-Sent Events stream read as an EventSource would, without its reconnection. */
final class EventStreamReader implements AutoCloseable {

  private static final HttpClient HTTP = HttpClient.newHttpClient();
  private static final ObjectMapper JSON = new ObjectMapper();

  /** One event: its id, type and the job it carries. */
  record Event(String id, String type, JsonNode data) {
    String jobId() {
      return data.path("id").asText();
    }

    /** "job_... job.processing": what the tests compare. */
    String key() {
      return jobId() + " " + type;
    }
  }

  private final LinkedBlockingQueue<Event> events = new LinkedBlockingQueue<>();
  private final CountDownLatch opened = new CountDownLatch(1);
  private volatile Flow.Subscription subscription;

  private EventStreamReader(URI uri, String key, String lastEventId) {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(uri)
            .header("Accept", "text/event-stream")
            .header("Authorization", "Bearer " + key);
    if (lastEventId != null) {
      request.header("Last-Event-ID", lastEventId);
    }
    HTTP.sendAsync(request.build(), HttpResponse.BodyHandlers.fromLineSubscriber(new Lines()));
  }

  /** Opens {@code path} of {@code api}, resuming after {@code lastEventId} unless null. */
  static EventStreamReader open(URI api, String path, String key, String lastEventId) {
    return new EventStreamReader(api.resolve(path), key, lastEventId);
  }

  /** Waits for the server's first frame: events from now on reach this stream. */
  EventStreamReader awaitOpen() throws InterruptedException {
    assertThat(opened.await(60, TimeUnit.SECONDS)).as("the stream open within 60 s").isTrue();
    return this;
  }

  /** The next event, within 60 s. */
  Event next() throws InterruptedException {
    Event event = events.poll(60, TimeUnit.SECONDS);
    assertThat(event).as("an event within 60 s").isNotNull();
    return event;
  }

  /** Events until {@code count} of them have the type {@code type}. */
  List<Event> until(String type, int count) throws InterruptedException {
    List<Event> read = new ArrayList<>();
    int seen = 0;
    while (seen < count) {
      Event event = next();
      read.add(event);
      seen += event.type().equals(type) ? 1 : 0;
    }
    return read;
  }

  @Override
  public void close() {
    Flow.Subscription body = subscription;
    if (body != null) {
      body.cancel();
    }
  }

  private final class Lines implements Flow.Subscriber<String> {
    private String id;
    private String type;
    private final StringBuilder data = new StringBuilder();

    @Override
    public void onSubscribe(Flow.Subscription subscription) {
      EventStreamReader.this.subscription = subscription;
      subscription.request(Long.MAX_VALUE);
    }

    @Override
    public void onNext(String line) {
      opened.countDown();
      if (line.isEmpty()) {
        if (type != null) {
          events.add(new Event(id, type, json(data.toString())));
        }
        id = null;
        type = null;
        data.setLength(0);
      } else if (line.startsWith("id:")) {
        id = line.substring(3).strip();
      } else if (line.startsWith("event:")) {
        type = line.substring(6).strip();
      } else if (line.startsWith("data:")) {
        data.append(line.substring(5).strip());
      }
    }

    @Override
    public void onError(Throwable failure) {}

    @Override
    public void onComplete() {}

    private JsonNode json(String text) {
      try {
        return JSON.readTree(text);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }
}
