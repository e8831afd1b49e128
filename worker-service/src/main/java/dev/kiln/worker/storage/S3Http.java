package dev.kiln.worker.storage;

import dev.kiln.worker.storage.ObjectStore.ObjectTooLargeException;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpVersion;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.impl.VertxInternal;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Sends signed S3 requests over the Vert.x core HTTP client: HTTP/1.1 keep-alive connections in a
 * pool, all I/O on one event-loop context of its own (never the caller's: a caller on a worker
 * context would otherwise hold up the callbacks it waits for, and one context means no hops between
 * threads per call). {@link #send} blocks: worker threads only.
 *
 * <p>A successful GET whose {@code Content-Length} passes the caller's limit is refused before its
 * body is read (the connection is closed instead). Failures without an answer (refused or reset
 * connections, a keep-alive connection the server had closed, timeouts) are {@link IOException}s;
 * every answer, whatever its status, is an {@link S3Response}.
 */
final class S3Http implements AutoCloseable {

  /** Below the idle timeouts of S3 servers, so that a pooled connection is rarely found closed. */
  private static final int KEEP_ALIVE_SECONDS = 10;

  /** Enough of an error document to read its code. */
  private static final int ERROR_BODY_LIMIT = 16 * 1024;

  /** How much longer than the request's own timer a caller waits (it never should). */
  private static final long BLOCKING_GRACE_MILLIS = 5_000;

  private final Vertx vertx;
  private final HttpClient client;
  private final Context context;
  private final long timeoutMillis;

  S3Http(Vertx vertx, Duration connectTimeout, Duration requestTimeout, int maxConnections) {
    this.vertx = vertx;
    this.timeoutMillis = requestTimeout.toMillis();
    this.context = ((VertxInternal) vertx).createEventLoopContext();
    this.client =
        vertx.createHttpClient(
            new HttpClientOptions()
                .setProtocolVersion(HttpVersion.HTTP_1_1)
                .setKeepAlive(true)
                .setKeepAliveTimeout(KEEP_ALIVE_SECONDS)
                .setConnectTimeout((int) connectTimeout.toMillis())
                .setMaxPoolSize(maxConnections)
                .setTryUseCompression(false)
                .setMaxRedirects(0)
                .setVerifyHost(true));
  }

  /**
   * Sends the request and waits for the whole answer.
   *
   * @param maxBodyBytes the largest body of a successful answer accepted
   * @throws ObjectTooLargeException when a successful answer's body is larger than {@code
   *     maxBodyBytes}
   * @throws IOException when there is no complete answer
   */
  S3Response send(S3Request request, long maxBodyBytes) throws IOException {
    if (Context.isOnEventLoopThread()) {
      throw new IllegalStateException("a blocking S3 call must not run on an event-loop thread");
    }
    Exchange exchange = new Exchange(request, maxBodyBytes);
    context.runOnContext(ignored -> exchange.start());
    try {
      return exchange.result.get(timeoutMillis + BLOCKING_GRACE_MILLIS, TimeUnit.MILLISECONDS);
    } catch (ExecutionException e) {
      switch (e.getCause()) {
        case ObjectTooLargeException tooLarge -> throw tooLarge;
        case IOException io -> throw io;
        default -> throw new IOException(e.getCause().toString(), e.getCause());
      }
    } catch (TimeoutException e) {
      context.runOnContext(ignored -> exchange.abort(new IOException("abandoned")));
      throw new IOException("no answer from S3 within " + timeoutMillis + " ms", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      context.runOnContext(ignored -> exchange.abort(new IOException("interrupted")));
      throw new InterruptedIOException("interrupted while waiting for S3");
    }
  }

  @Override
  public void close() {
    client.close();
  }

  /** One request and its answer; every method runs on {@link #context}, so nothing is locked. */
  private final class Exchange {

    private final S3Request request;
    private final long maxBodyBytes;
    private final CompletableFuture<S3Response> result = new CompletableFuture<>();
    private HttpClientRequest sent;
    private long timer = -1;

    Exchange(S3Request request, long maxBodyBytes) {
      this.request = request;
      this.maxBodyBytes = maxBodyBytes;
    }

    void start() {
      timer =
          vertx.setTimer(
              timeoutMillis,
              id -> abort(new IOException("no complete answer within " + timeoutMillis + " ms")));
      RequestOptions options =
          new RequestOptions()
              .setMethod(HttpMethod.valueOf(request.method()))
              .setAbsoluteURI(request.uri().toString())
              .setFollowRedirects(false);
      for (Map.Entry<String, List<String>> header : request.headers().entrySet()) {
        for (String value : header.getValue()) {
          options.addHeader(header.getKey(), value);
        }
      }
      client
          .request(options)
          .compose(
              opened -> {
                sent = opened;
                return request.body() == null
                    ? opened.send()
                    : opened.send(Buffer.buffer(request.body()));
              })
          .onSuccess(this::receive)
          .onFailure(this::fail);
    }

    private void receive(HttpClientResponse response) {
      response.exceptionHandler(this::fail); // also told of the reset below: no unhandled error
      int status = response.statusCode();
      boolean ok = status >= 200 && status < 300;
      long declared = contentLength(response);
      if (ok && declared > maxBodyBytes) {
        abort(new ObjectTooLargeException(declared, maxBodyBytes));
        return;
      }
      long limit = ok ? maxBodyBytes : ERROR_BODY_LIMIT;
      Buffer body = Buffer.buffer(declared >= 0 && declared <= limit ? (int) declared : 1024);
      response.handler(
          chunk -> {
            if (body.length() + chunk.length() <= limit) {
              body.appendBuffer(chunk);
            } else if (ok) {
              abort(new ObjectTooLargeException(body.length() + chunk.length(), maxBodyBytes));
            } // an error document past the limit: its beginning is enough
          });
      response.endHandler(ignored -> succeed(new S3Response(status, body.getBytes())));
    }

    /** Ends the exchange with {@code failure} and drops the connection. */
    void abort(Throwable failure) {
      boolean open = !result.isDone();
      fail(failure); // first: the reset makes Vert.x report a failure of its own
      if (sent != null && open) {
        sent.reset();
      }
    }

    private void succeed(S3Response response) {
      vertx.cancelTimer(timer);
      result.complete(response);
    }

    private void fail(Throwable failure) {
      vertx.cancelTimer(timer);
      result.completeExceptionally(
          failure instanceof IOException || failure instanceof ObjectTooLargeException
              ? failure
              : new IOException(failure.toString(), failure));
    }
  }

  private static long contentLength(HttpClientResponse response) {
    String value = response.getHeader(HttpHeaders.CONTENT_LENGTH);
    if (value == null) {
      return -1;
    }
    try {
      return Long.parseLong(value.trim());
    } catch (NumberFormatException e) {
      return -1;
    }
  }
}
