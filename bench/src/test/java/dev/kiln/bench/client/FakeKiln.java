package dev.kiln.bench.client;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;

/**
 * A stand-in for Kiln's API on a free local port: {@code GET /v1/events} streams whatever the test
 * sends, {@code GET /v1/jobs?ids=} answers the jobs' states as the test set them.
 */
final class FakeKiln implements AutoCloseable {

  private final Vertx vertx = Vertx.vertx();
  private final HttpServer server;
  private final Map<String, JsonObject> jobs = new ConcurrentHashMap<>();
  private final List<HttpServerResponse> streams = new CopyOnWriteArrayList<>();
  private final List<String> lastEventIds = new CopyOnWriteArrayList<>();
  private final AtomicInteger streamsOpened = new AtomicInteger();
  private final AtomicInteger polls = new AtomicInteger();
  private volatile int eventsStatus = 200;

  FakeKiln() throws Exception {
    server =
        vertx
            .createHttpServer()
            .requestHandler(this::handle)
            .listen(0)
            .toCompletionStage()
            .toCompletableFuture()
            .get(10, TimeUnit.SECONDS);
  }

  URI url() {
    return URI.create("http://127.0.0.1:" + server.actualPort());
  }

  /** What a poll answers for {@code id} from now on. */
  void state(String id, String status) {
    jobs.put(id, job(id, status));
  }

  /** Sets the job's state and sends its {@code job.<status>} event to every open stream. */
  void event(String id, String status) {
    state(id, status);
    send("event: job.%s\nid: %s/1/1\ndata: %s\n\n".formatted(status, id, jobs.get(id).encode()));
  }

  /** Sends raw text to every open stream. */
  void send(String text) {
    streams.forEach(stream -> stream.write(text));
  }

  /** Drops every open stream, as a restarted API or a broken connection would. */
  void dropStreams() {
    streams.forEach(stream -> stream.reset());
    streams.clear();
  }

  /** Ends every open stream as Kiln ends a finished job's: an {@code : end} comment, then done. */
  void endStreams() {
    streams.forEach(stream -> stream.end(":end\n\n"));
    streams.clear();
  }

  /** The {@code Last-Event-ID} of each stream request so far, empty when it had none. */
  List<String> lastEventIds() {
    return List.copyOf(lastEventIds);
  }

  /** Answers {@code status} instead of a stream from now on. */
  void refuseStreams(int status) {
    eventsStatus = status;
  }

  int streamsOpened() {
    return streamsOpened.get();
  }

  int polls() {
    return polls.get();
  }

  private void handle(HttpServerRequest request) {
    if (request.path().equals("/v1/events")) {
      String lastEventId = request.getHeader("Last-Event-ID");
      lastEventIds.add(lastEventId == null ? "" : lastEventId);
      stream(request.response());
    } else if (request.path().equals("/v1/jobs") && request.getParam("ids") != null) {
      polls.incrementAndGet();
      JsonArray data = new JsonArray();
      for (String id : request.getParam("ids").split(",")) {
        if (jobs.containsKey(id)) {
          data.add(jobs.get(id));
        }
      }
      request
          .response()
          .putHeader("Content-Type", "application/json")
          .end(new JsonObject().put("object", "list").put("data", data).encode());
    } else {
      request.response().setStatusCode(404).end();
    }
  }

  private void stream(HttpServerResponse response) {
    if (eventsStatus == 204) {
      response.setStatusCode(204).end();
      return;
    }
    if (eventsStatus != 200) {
      response.setStatusCode(eventsStatus).end("{\"code\":\"refused\"}");
      return;
    }
    response.setChunked(true).putHeader("Content-Type", "text/event-stream");
    streams.add(response);
    streamsOpened.incrementAndGet();
    response.write(": open\n\n"); // sends the head at once, as Kiln does
  }

  private static JsonObject job(String id, String status) {
    JsonObject job =
        new JsonObject()
            .put("id", id)
            .put("object", "job")
            .put("status", status)
            .put("created_at", "2026-01-01T00:00:00Z")
            .putNull("completed_at")
            .putNull("error");
    if (status.equals("completed") || status.equals("failed")) {
      job.put("completed_at", "2026-01-01T00:00:00.250Z");
    }
    if (status.equals("failed")) {
      job.put("error", new JsonObject().put("code", "invalid_image").put("retryable", false));
    }
    return job;
  }

  /** Waits until {@code condition} holds, failing after 20 s. */
  static void eventually(BooleanSupplier condition) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
    while (!condition.getAsBoolean()) {
      assertThat(System.nanoTime()).as("condition met within 20 s").isLessThan(deadline);
      Thread.sleep(20);
    }
  }

  @Override
  public void close() throws Exception {
    vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
  }
}
