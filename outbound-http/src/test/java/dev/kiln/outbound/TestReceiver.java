package dev.kiln.outbound;

import io.vertx.core.Handler;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A Vert.x HTTP server on 127.0.0.1 with a random port that records every request in full (method,
 * target, headers, body) and counts the connections opened to it: a webhook receiver for tests.
 */
final class TestReceiver implements AutoCloseable {

  /** A request as it arrived. */
  record Received(String method, String uri, MultiMap headers, Buffer body) {}

  private final HttpServer server;
  private final Map<String, Handler<HttpServerRequest>> handlers = new ConcurrentHashMap<>();
  private final List<Received> requests = new CopyOnWriteArrayList<>();
  private final AtomicInteger connections = new AtomicInteger();

  TestReceiver(Vertx vertx) {
    server =
        vertx
            .createHttpServer(new HttpServerOptions().setHost("127.0.0.1").setPort(0))
            .connectionHandler(connection -> connections.incrementAndGet())
            .requestHandler(this::receive)
            .listen()
            .toCompletionStage()
            .toCompletableFuture()
            .join();
  }

  /** Answers requests to the path (after their body arrived); others get 404. */
  void on(String path, Handler<HttpServerRequest> handler) {
    handlers.put(path, handler);
  }

  private void receive(HttpServerRequest request) {
    request
        .body()
        .onSuccess(
            body -> {
              MultiMap headers = MultiMap.caseInsensitiveMultiMap().addAll(request.headers());
              requests.add(
                  new Received(request.method().name(), request.uri(), headers, body.copy()));
              handlers
                  .getOrDefault(request.path(), r -> r.response().setStatusCode(404).end())
                  .handle(request);
            });
  }

  URI url(String pathAndQuery) {
    return URI.create("http://127.0.0.1:" + port() + pathAndQuery);
  }

  int port() {
    return server.actualPort();
  }

  List<Received> requests() {
    return requests;
  }

  /** Connections accepted so far. */
  int connections() {
    return connections.get();
  }

  /** Answers with the status, extra headers and body. */
  static Handler<HttpServerRequest> answer(int status, Map<String, String> headers, Buffer body) {
    return request -> {
      HttpServerResponse response = request.response().setStatusCode(status);
      headers.forEach(response::putHeader);
      response.end(body);
    };
  }

  /** Sends the head and then a body that never ends, as fast as the client reads it. */
  static Handler<HttpServerRequest> endless(Buffer chunk, Runnable onClose) {
    return request -> {
      HttpServerResponse response = request.response().setChunked(true);
      response.closeHandler(ignored -> onClose.run());
      writeWhileOpen(response, chunk);
    };
  }

  private static void writeWhileOpen(HttpServerResponse response, Buffer chunk) {
    while (!response.closed() && !response.writeQueueFull()) {
      response.write(chunk);
    }
    if (!response.closed()) {
      response.drainHandler(ignored -> writeWhileOpen(response, chunk));
    }
  }

  @Override
  public void close() {
    server.close().toCompletionStage().toCompletableFuture().join();
  }
}
