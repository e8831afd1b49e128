package dev.kiln.api.live;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kiln.api.support.Api;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Flow;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/** A client's Server-Sent Events connection, read line by line as the server writes it. */
final class SseConnection implements AutoCloseable {

  private static final String END = "(end of stream)";

  private final LinkedBlockingQueue<String> lines = new LinkedBlockingQueue<>();
  private final CompletableFuture<HttpResponse<Void>> response;

  private SseConnection(URI uri) {
    HttpRequest request =
        HttpRequest.newBuilder(uri)
            .header("Authorization", "Bearer " + Api.key())
            .header("Accept", "text/event-stream")
            .build();
    response =
        HttpClient.newHttpClient()
            .sendAsync(request, HttpResponse.BodyHandlers.fromLineSubscriber(new Collector()));
  }

  static SseConnection open(URI uri) {
    return new SseConnection(uri);
  }

  /** Waits for the first line of the stream, whatever it is. */
  void awaitFirstLine() throws InterruptedException {
    String line = lines.poll(20, TimeUnit.SECONDS);
    assertThat(line).as("a first SSE line within 20 s").isNotNull().isNotEqualTo(END);
  }

  /** One event as the client sees it; {@code name} null for the end of the stream. */
  record Event(String name, String data) {
    boolean isEnd() {
      return name == null;
    }
  }

  /** The next named event (comments skipped), or one with a null name at the end. */
  Event nextEvent() throws InterruptedException {
    String name = null;
    StringBuilder data = new StringBuilder();
    while (true) {
      String line = lines.poll(20, TimeUnit.SECONDS);
      assertThat(line).as("an SSE line within 20 s").isNotNull();
      if (line.equals(END)) {
        return new Event(null, null);
      }
      if (line.isEmpty() && name != null) {
        return new Event(name, data.toString());
      }
      if (line.startsWith("event:")) {
        name = line.substring("event:".length()).strip();
      } else if (line.startsWith("data:")) {
        data.append(line.substring("data:".length()).strip());
      }
    }
  }

  /** Reads until the server ends the stream; the last event before the end. */
  Event lastEventBeforeEnd() throws InterruptedException {
    Event last = null;
    for (Event event = nextEvent(); !event.isEnd(); event = nextEvent()) {
      last = event;
    }
    assertThat(last).as("an event before the end").isNotNull();
    return last;
  }

  @Override
  public void close() {
    response.cancel(true);
  }

  private final class Collector implements Flow.Subscriber<String> {
    @Override
    public void onSubscribe(Flow.Subscription subscription) {
      subscription.request(Long.MAX_VALUE);
    }

    @Override
    public void onNext(String line) {
      lines.add(line);
    }

    @Override
    public void onError(Throwable failure) {
      lines.add(END);
    }

    @Override
    public void onComplete() {
      lines.add(END);
    }
  }
}
