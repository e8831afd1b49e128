package dev.kiln.bench.client.webhooks;

import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * The webhook receiver of the {@code webhooks} workload: an HTTP server on 127.0.0.1 and a free
 * port, on its own Vert.x event loop (so that receiving never waits behind the load generator's
 * client). Every POST is answered {@code 200} as soon as its body is in, before any check (a slow
 * or failed answer would make Kiln retry minutes later), then handed to the consumer on the event
 * loop. Anything else than a POST is answered 405.
 */
public final class WebhookReceiver implements AutoCloseable {

  private final Vertx vertx;
  private final HttpServer server;

  private WebhookReceiver(Vertx vertx, HttpServer server) {
    this.vertx = vertx;
    this.server = server;
  }

  /** Starts listening; {@code consumer} gets every delivery, one at a time. */
  public static WebhookReceiver start(Consumer<ReceivedDelivery> consumer) throws Exception {
    Vertx vertx =
        Vertx.vertx(
            new VertxOptions()
                .setEventLoopPoolSize(1)
                .setWorkerPoolSize(1)
                .setInternalBlockingPoolSize(1));
    try {
      HttpServer server =
          vertx
              .createHttpServer(
                  new HttpServerOptions()
                      .setHost("127.0.0.1")
                      .setPort(0)
                      .setTcpNoDelay(true)
                      .setIdleTimeout(0))
              .requestHandler(request -> handle(request, consumer))
              .listen()
              .toCompletionStage()
              .toCompletableFuture()
              .get(10, TimeUnit.SECONDS);
      return new WebhookReceiver(vertx, server);
    } catch (Exception e) {
      vertx.close();
      throw e;
    }
  }

  /** The URL of a path on this receiver, e.g. {@code http://127.0.0.1:40123/e3}. */
  public String url(String path) {
    return "http://127.0.0.1:" + server.actualPort() + path;
  }

  private static void handle(HttpServerRequest request, Consumer<ReceivedDelivery> consumer) {
    if (request.method() != HttpMethod.POST) {
      request.response().setStatusCode(405).end();
      return;
    }
    request
        .body()
        .onSuccess(
            body -> {
              long nanos = System.nanoTime();
              Instant at = Instant.now();
              request.response().setStatusCode(200).end();
              consumer.accept(
                  new ReceivedDelivery(
                      request.path(),
                      request.getHeader("webhook-id"),
                      request.getHeader("webhook-timestamp"),
                      request.getHeader("webhook-signature"),
                      body.getBytes(),
                      at,
                      nanos));
            })
        .onFailure(failure -> request.response().setStatusCode(400).end());
  }

  @Override
  public void close() {
    try {
      server.close().toCompletionStage().toCompletableFuture().get(5, TimeUnit.SECONDS);
      vertx.close().toCompletionStage().toCompletableFuture().get(5, TimeUnit.SECONDS);
    } catch (Exception e) {
      // closing after a run: nothing left to do
    }
  }
}
