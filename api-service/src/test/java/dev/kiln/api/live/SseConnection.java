package dev.kiln.api.live;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kiln.api.support.Api;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Flow;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A client's Server-Sent Events connection, read line by line as the server writes it and parsed as
 * the EventSource specification does (id, event, data, retry; comment lines apart).
 */
final class SseConnection implements AutoCloseable {

  private static final String END = "\u0000(end of stream)";
  private static final HttpClient CLIENT = HttpClient.newHttpClient();

  private final LinkedBlockingQueue<String> lines = new LinkedBlockingQueue<>();
  private final CompletableFuture<HttpResponse<Void>> response;
  private final List<String> comments = new ArrayList<>();
  private final CompletableFuture<HttpResponse.ResponseInfo> answer = new CompletableFuture<>();
  private String retry;
  private volatile Flow.Subscription subscription;

  private SseConnection(URI uri, Map<String, String> headers) {
    HttpRequest.Builder request = HttpRequest.newBuilder(uri).header("Accept", "text/event-stream");
    headers.forEach(request::header);
    HttpResponse.BodyHandler<Void> lineByLine =
        info -> {
          answer.complete(info);
          return HttpResponse.BodySubscribers.fromLineSubscriber(new Collector());
        };
    response = CLIENT.sendAsync(request.build(), lineByLine);
    response.whenComplete(
        (done, failure) -> {
          if (failure != null) {
            answer.completeExceptionally(failure);
          }
        });
  }

  /** A stream of the bootstrap tenant. */
  static SseConnection open(URI uri) {
    return open(uri, Api.key(), Map.of());
  }

  /** A stream with the key (none when null) and more headers (such as {@code Last-Event-ID}). */
  static SseConnection open(URI uri, String key, Map<String, String> headers) {
    Map<String, String> all = new LinkedHashMap<>(headers);
    if (key != null) {
      all.put("Authorization", "Bearer " + key);
    }
    return new SseConnection(uri, all);
  }

  /** The answer's status line and headers, once they arrived. */
  HttpResponse.ResponseInfo answer() throws Exception {
    return answer.get(20, TimeUnit.SECONDS);
  }

  /** Waits for the first frame (the server's {@code : ok} with {@code retry:}). */
  void awaitFirstLine() throws InterruptedException {
    String line;
    do {
      line = lines.poll(20, TimeUnit.SECONDS);
      assertThat(line).as("the first SSE frame within 20 s").isNotNull().isNotEqualTo(END);
      record(line);
    } while (!line.isEmpty());
  }

  /** One event as an EventSource dispatches it; {@code name} null at the end of the stream. */
  record Event(String id, String name, String data) {
    boolean isEnd() {
      return name == null;
    }

    long seq() {
      return Long.parseLong(id);
    }
  }

  /** The next event (comment lines kept apart), or one with a null name at the end. */
  Event nextEvent() throws InterruptedException {
    String id = null;
    String name = null;
    StringBuilder data = new StringBuilder();
    while (true) {
      String line = lines.poll(20, TimeUnit.SECONDS);
      assertThat(line).as("an SSE line within 20 s").isNotNull();
      if (line.equals(END)) {
        return new Event(null, null, null);
      }
      if (line.isEmpty() && name != null) {
        return new Event(id, name, data.toString());
      }
      record(line);
      if (line.startsWith("event:")) {
        name = line.substring("event:".length()).strip();
      } else if (line.startsWith("id:")) {
        id = line.substring("id:".length()).strip();
      } else if (line.startsWith("data:")) {
        data.append(line.substring("data:".length()).strip());
      }
    }
  }

  /** The events until the server ends the stream. */
  List<Event> eventsUntilEnd() throws InterruptedException {
    List<Event> events = new ArrayList<>();
    for (Event event = nextEvent(); !event.isEnd(); event = nextEvent()) {
      events.add(event);
    }
    return events;
  }

  /** Reads until the server ends the stream; the last event before the end. */
  Event lastEventBeforeEnd() throws InterruptedException {
    List<Event> events = eventsUntilEnd();
    assertThat(events).as("an event before the end").isNotEmpty();
    return events.getLast();
  }

  /** Comment lines seen so far (without the colon). */
  synchronized List<String> comments() {
    return List.copyOf(comments);
  }

  /** The reconnection delay the server announced, or null. */
  synchronized String retry() {
    return retry;
  }

  /** Waits for a comment line (a keep-alive), skipping anything else. */
  void awaitComment(String text) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
    while (!comments().contains(text)) {
      String line = lines.poll(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
      assertThat(line).as("a ': %s' line within 20 s", text).isNotNull().isNotEqualTo(END);
      record(line);
    }
  }

  private synchronized void record(String line) {
    if (line.startsWith(":")) {
      comments.add(line.substring(1).strip());
    } else if (line.startsWith("retry:")) {
      retry = line.substring("retry:".length()).strip();
    }
  }

  @Override
  public void close() {
    Flow.Subscription body = subscription;
    if (body != null) {
      body.cancel();
    }
    response.cancel(true);
  }

  private final class Collector implements Flow.Subscriber<String> {
    @Override
    public void onSubscribe(Flow.Subscription subscription) {
      SseConnection.this.subscription = subscription;
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
