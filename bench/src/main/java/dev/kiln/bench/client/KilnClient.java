package dev.kiln.bench.client;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Kiln's HTTP API as the load generator uses it: Vert.x's non-blocking client on one event loop,
 * with keep-alive connections, so that the generator takes little of the CPU it shares with Kiln.
 * Every callback runs on that one event-loop thread.
 */
public final class KilnClient implements AutoCloseable {

  private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(60);

  /**
   * A stream without a byte for this long is dead: Kiln sends a heartbeat every 15 s (by default)
   * while nothing happens.
   */
  private static final Duration STREAM_IDLE_TIMEOUT = Duration.ofSeconds(45);

  private final URI base;
  private final String apiKey;
  private final Vertx vertx;
  private final HttpClient http;
  private final String authorization;

  /** A response: its status and body. */
  public record Reply(int status, Buffer body) {
    public JsonObject json() {
      return body.length() == 0 ? new JsonObject() : body.toJsonObject();
    }

    /** Status and the start of the body, for error messages. */
    public String describe() {
      String text = body.toString();
      return status + " " + (text.length() > 200 ? text.substring(0, 200) + "..." : text);
    }
  }

  /**
   * @param base the API's base URL
   * @param apiKey the tenant's key
   * @param connections the most connections kept open at once
   */
  public KilnClient(URI base, String apiKey, int connections) {
    this.base = base;
    this.apiKey = apiKey;
    this.vertx =
        Vertx.vertx(
            new VertxOptions()
                .setEventLoopPoolSize(1)
                .setWorkerPoolSize(1)
                .setInternalBlockingPoolSize(1));
    this.http =
        vertx.createHttpClient(
            new HttpClientOptions()
                .setDefaultHost(base.getHost())
                .setDefaultPort(base.getPort() > 0 ? base.getPort() : 80)
                .setKeepAlive(true)
                .setTcpNoDelay(true)
                .setConnectTimeout(5000),
            new PoolOptions().setHttp1MaxSize(connections).setMaxWaitQueueSize(-1));
    this.authorization = "Bearer " + apiKey;
  }

  /**
   * Another client of the same API and key, with its own event loop and up to {@code connections}
   * connections: for many streams at once, apart from the submits.
   */
  public KilnClient another(int connections) {
    return new KilnClient(base, apiKey, connections);
  }

  /** {@code POST /v1/media}: uploads an image. */
  public Future<Reply> upload(byte[] image, String contentType) {
    return send(HttpMethod.POST, "/v1/media", contentType, Buffer.buffer(image));
  }

  /** {@code POST /v1/jobs}: submits a job (the body is the JSON request). */
  public Future<Reply> submit(Buffer body) {
    return send(HttpMethod.POST, "/v1/jobs", "application/json", body);
  }

  /** {@code GET /v1/jobs?ids=...}: the status of up to 100 jobs at once. */
  public Future<Reply> batch(List<String> ids) {
    return send(HttpMethod.GET, "/v1/jobs?ids=" + String.join(",", ids), null, null);
  }

  /** {@code POST /v1/webhook-endpoints}: registers a webhook endpoint (the body is the request). */
  public Future<Reply> createWebhookEndpoint(JsonObject request) {
    return send(HttpMethod.POST, "/v1/webhook-endpoints", "application/json", request.toBuffer());
  }

  /** {@code DELETE /v1/webhook-endpoints/{id}}: removes an endpoint and its delivery log. */
  public Future<Reply> deleteWebhookEndpoint(String id) {
    return send(HttpMethod.DELETE, "/v1/webhook-endpoints/" + id, null, null);
  }

  /**
   * {@code GET path} as Server-Sent Events, resumed after {@code lastEventId} (sent as {@code
   * Last-Event-ID}; null or empty for none): completes when the response's head arrived, its body
   * still to come. Set its handlers in the completion callback (which runs on the event loop before
   * any chunk of the body), and end it with {@code response.request().reset()}.
   */
  public Future<HttpClientResponse> stream(String path, String lastEventId) {
    RequestOptions options =
        new RequestOptions()
            .setMethod(HttpMethod.GET)
            .setURI(path)
            .setIdleTimeout(STREAM_IDLE_TIMEOUT.toMillis())
            .putHeader("Authorization", authorization)
            .putHeader("Accept", "text/event-stream");
    if (lastEventId != null && !lastEventId.isEmpty()) {
      options.putHeader("Last-Event-ID", lastEventId);
    }
    return http.request(options).compose(HttpClientRequest::send);
  }

  /** {@code GET path} without authentication, e.g. {@code /q/health/ready}. */
  public Future<Reply> get(String path) {
    return send(HttpMethod.GET, path, null, null);
  }

  /** Runs {@code task} on the event loop after {@code delayMillis} (at least 1 ms). */
  public void schedule(long delayMillis, Runnable task) {
    vertx.setTimer(Math.max(1, delayMillis), id -> task.run());
  }

  /** Runs {@code task} on the event loop. */
  public void execute(Runnable task) {
    vertx.runOnContext(ignored -> task.run());
  }

  private Future<Reply> send(HttpMethod method, String path, String contentType, Buffer body) {
    RequestOptions options =
        new RequestOptions()
            .setMethod(method)
            .setURI(path)
            .setTimeout(REQUEST_TIMEOUT.toMillis())
            .putHeader("Authorization", authorization);
    if (contentType != null) {
      options.putHeader("Content-Type", contentType);
    }
    return http.request(options)
        .compose(request -> body == null ? request.send() : request.send(body))
        .compose(response -> response.body().map(bytes -> new Reply(response.statusCode(), bytes)));
  }

  @Override
  public void close() {
    try {
      http.close().toCompletionStage().toCompletableFuture().get(5, TimeUnit.SECONDS);
      vertx.close().toCompletionStage().toCompletableFuture().get(5, TimeUnit.SECONDS);
    } catch (Exception e) {
      // closing at exit: nothing left to do
    }
  }
}
