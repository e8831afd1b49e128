package dev.kiln.bench.client.sse;

import dev.kiln.bench.client.KilnClient;
import io.vertx.core.http.HttpClientResponse;
import java.util.concurrent.CompletableFuture;

/**
 * A Server-Sent Events connection that reconnects whenever it drops, with a growing pause between
 * attempts, and resumes after the last event it saw: the reconnection sends that event's id as
 * {@code Last-Event-ID}, and Kiln sends exactly the events after it (or a {@code snapshot} when the
 * record no longer holds them). The listener hears of each drop and reopening. A stream that Kiln
 * ends on purpose is not reopened: a finished job's stream closes after its {@code : end} comment,
 * and a 204 answer says that there is nothing more to send. Its state lives on the client's event
 * loop, where every listener call runs.
 */
public final class EventStream {

  private static final long FIRST_RETRY_MILLIS = 100;
  private static final long LAST_RETRY_MILLIS = 2000;

  /** Hears what the stream does; called on the event loop. */
  public interface Listener {
    /** The stream is open; {@code again} when it is a reconnection after a drop. */
    void opened(boolean again);

    /** An event, and when the chunk that completed it arrived ({@link System#nanoTime()}). */
    void event(SseEvent event, long arrivalNanos);

    /** The stream dropped (a reconnection follows unless it was closed). */
    void dropped(String reason);

    /** Kiln ended the stream for good (a finished job's stream): no reconnection follows. */
    default void ended() {}
  }

  private final KilnClient client;
  private final String path;
  private final Listener listener;
  private final CompletableFuture<Void> firstOpen = new CompletableFuture<>();
  private HttpClientResponse current;
  private String lastEventId = "";
  private boolean everOpened;
  private boolean closed;
  private long retryMillis = FIRST_RETRY_MILLIS;
  private String lastFailure = "not tried yet";

  public EventStream(KilnClient client, String path, Listener listener) {
    this.client = client;
    this.path = path;
    this.listener = listener;
  }

  /**
   * Connects. The future completes when the stream first opens, or fails when Kiln refuses it (a
   * 4xx answer other than 429); other failures are retried until the caller gives up.
   */
  public CompletableFuture<Void> open() {
    client.execute(this::connect);
    return firstOpen;
  }

  /** The id of the last event received (empty before any): where a reconnection resumes. */
  public String lastEventId() {
    return lastEventId;
  }

  /** Why the last attempt failed, for the caller's message when it gives up. */
  public String lastFailure() {
    return lastFailure;
  }

  /** Ends the stream for good. Any thread. */
  public void close() {
    client.execute(
        () -> {
          closed = true;
          if (current != null) {
            HttpClientResponse response = current;
            current = null; // before the reset: its failure is no drop
            response.request().reset();
          }
        });
  }

  private void connect() {
    if (closed) {
      return;
    }
    client.stream(path, lastEventId)
        .onComplete(
            result -> {
              if (result.failed()) {
                failed(result.cause().toString(), false);
              } else if (closed) {
                result.result().request().reset();
              } else if (result.result().statusCode() == 204) {
                ended(); // no body: the connection goes back to the pool
              } else if (result.result().statusCode() != 200) {
                HttpClientResponse response = result.result();
                response
                    .body()
                    .onComplete(
                        body ->
                            failed(
                                response.statusCode()
                                    + (body.succeeded() ? " " + body.result() : ""),
                                response.statusCode() / 100 == 4 && response.statusCode() != 429));
              } else {
                opened(result.result());
              }
            });
  }

  private void opened(HttpClientResponse response) {
    SseParser parser = new SseParser();
    current = response;
    response.handler(
        chunk -> {
          long arrival = System.nanoTime();
          for (SseEvent event : parser.feed(chunk)) {
            lastEventId = event.id();
            listener.event(event, arrival);
          }
        });
    response.exceptionHandler(failure -> dropped(response, failure.toString()));
    response.endHandler(
        ignored -> {
          if (response == current && parser.lastComment().equals("end")) {
            current = null;
            ended();
          } else {
            dropped(response, "Kiln ended the stream");
          }
        });
    retryMillis = FIRST_RETRY_MILLIS;
    boolean again = everOpened;
    everOpened = true;
    firstOpen.complete(null);
    listener.opened(again);
  }

  private void ended() {
    closed = true;
    listener.ended();
    firstOpen.complete(null);
  }

  private void dropped(HttpClientResponse response, String reason) {
    if (response != current) {
      return; // already handled (a failure is followed by the end), or closed
    }
    current = null;
    lastFailure = reason;
    listener.dropped(reason);
    retry();
  }

  private void failed(String reason, boolean refused) {
    lastFailure = reason;
    if (refused && !everOpened) {
      closed = true;
      firstOpen.completeExceptionally(
          new IllegalStateException("GET " + path + " answered " + abbreviate(reason)));
      return;
    }
    retry();
  }

  private void retry() {
    if (closed) {
      return;
    }
    client.schedule(retryMillis, this::connect);
    retryMillis = Math.min(LAST_RETRY_MILLIS, retryMillis * 2);
  }

  private static String abbreviate(String text) {
    return text.length() > 200 ? text.substring(0, 200) + "..." : text;
  }
}
