package dev.kiln.outbound;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.impl.VertxInternal;
import io.vertx.core.net.SocketAddress;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.List;
import java.util.Set;

/**
 * One fetch, from the first URL through its redirects to the body or a failure. Every callback runs
 * on the one Vert.x context the exchange starts on, so its state needs no locking; it ends exactly
 * once ({@link #succeed} or {@link #fail}) and a late callback finds it done.
 */
final class FetchExchange {

  private static final Set<Integer> REDIRECTS = Set.of(301, 302, 303, 307, 308);

  private final Vertx vertx;
  private final HttpClient client;
  private final OutboundPolicy policy;
  private final HostResolver resolver;
  private final FetchSettings settings;
  private final long maxBytes;
  private final Duration budget;
  private final Promise<FetchedBody> result = Promise.promise();

  private Context context;
  private long timer = -1;
  private int redirects;
  private HttpClientRequest current;
  private HttpClientResponse response;
  private boolean done;

  FetchExchange(
      Vertx vertx,
      HttpClient client,
      OutboundPolicy policy,
      HostResolver resolver,
      FetchSettings settings,
      long maxBytes,
      Duration budget) {
    this.vertx = vertx;
    this.client = client;
    this.policy = policy;
    this.resolver = resolver;
    this.settings = settings;
    this.maxBytes = maxBytes;
    this.budget = budget;
  }

  Future<FetchedBody> start(URI url) {
    // Always an event-loop context of our own, never the caller's: a blocking caller on a worker
    // (or virtual-thread) context would otherwise hold up the very callbacks it waits for.
    context = ((VertxInternal) vertx).createEventLoopContext();
    context.runOnContext(
        ignored -> {
          timer =
              vertx.setTimer(
                  budget.toMillis(),
                  id ->
                      fail(
                          new FetchFailedException(
                              "no complete response within " + budget.toMillis() + " ms",
                              true,
                              null)));
          hop(url);
        });
    return result.future();
  }

  /** Checks one URL (the first or a redirect target), resolves it, connects. */
  private void hop(URI url) {
    Destination destination;
    try {
      destination = policy.checkUrl(url);
    } catch (FetchRefusedException e) {
      fail(e);
      return;
    }
    if (destination.literal().isPresent()) {
      connect(destination, destination.literal().get());
      return;
    }
    context
        .<List<InetAddress>>executeBlocking(() -> resolver.resolve(destination.host()), false)
        .onComplete(
            resolved -> {
              if (done) {
                return;
              }
              if (resolved.failed()) {
                boolean unknown = resolved.cause() instanceof UnknownHostException;
                fail(
                    new FetchFailedException(
                        "the host " + destination.host() + " cannot be resolved",
                        !unknown,
                        resolved.cause()));
                return;
              }
              try {
                policy.checkResolved(destination.host(), resolved.result());
              } catch (FetchRefusedException e) {
                fail(e);
                return;
              }
              connect(destination, resolved.result().getFirst());
            });
  }

  /** Opens the connection to the checked address; the name only travels in Host and SNI. */
  private void connect(Destination destination, InetAddress checked) {
    if (done) {
      return;
    }
    InetAddress pinned = HostLiteral.toAddress(checked.getAddress()); // no name left to resolve
    RequestOptions options =
        new RequestOptions()
            .setMethod(HttpMethod.GET)
            .setServer(
                SocketAddress.inetSocketAddress(new InetSocketAddress(pinned, destination.port())))
            .setHost(destination.host())
            .setPort(destination.port())
            .setSsl(destination.tls())
            .setURI(destination.requestTarget())
            .setFollowRedirects(false)
            .putHeader(HttpHeaders.HOST, destination.authority())
            .putHeader(HttpHeaders.USER_AGENT, settings.userAgent())
            .putHeader(HttpHeaders.ACCEPT, "image/*, */*;q=0.5");
    client
        .request(options)
        .compose(
            request -> {
              current = request;
              if (done) { // timed out while connecting
                drop();
              }
              return request.send();
            })
        .onComplete(
            response -> {
              if (done) {
                return;
              }
              if (response.failed()) {
                fail(
                    new FetchFailedException(
                        "cannot reach " + destination.host() + ": " + describe(response.cause()),
                        true,
                        response.cause()));
                return;
              }
              onResponse(destination, response.result());
            });
  }

  private void onResponse(Destination destination, HttpClientResponse response) {
    this.response = response;
    int status = response.statusCode();
    String location = response.getHeader(HttpHeaders.LOCATION);
    if (REDIRECTS.contains(status) && location != null) {
      drop(); // the redirect's body is not wanted: close the connection
      if (++redirects > settings.maxRedirects()) {
        fail(
            new FetchFailedException(
                "more than " + settings.maxRedirects() + " redirects", false, null));
        return;
      }
      URI next;
      try {
        next = destination.url().resolve(URI.create(location.strip()));
      } catch (IllegalArgumentException e) {
        fail(new FetchFailedException("the redirect location is no valid URL", false, e));
        return;
      }
      hop(next);
      return;
    }
    if (status < 200 || status > 299) {
      fail(FetchFailedException.status(status));
      return;
    }
    String length = response.getHeader(HttpHeaders.CONTENT_LENGTH);
    if (length != null && parseLength(length) > maxBytes) {
      fail(new FetchTooLargeException(maxBytes));
      return;
    }
    Buffer body = Buffer.buffer();
    response.handler(
        chunk -> {
          if (done) {
            return;
          }
          if ((long) body.length() + chunk.length() > maxBytes) {
            fail(new FetchTooLargeException(maxBytes)); // closes the connection now

            return;
          }
          body.appendBuffer(chunk);
        });
    response.exceptionHandler(
        e -> fail(new FetchFailedException("the response broke off: " + describe(e), true, e)));
    response.endHandler(
        ignored -> succeed(new FetchedBody(body.getBytes(), destination.url(), redirects)));
  }

  private void succeed(FetchedBody body) {
    if (done) {
      return;
    }
    done = true;
    vertx.cancelTimer(timer);
    result.complete(body);
  }

  private void fail(OutboundException failure) {
    if (done) {
      return;
    }
    done = true;
    vertx.cancelTimer(timer);
    drop();
    result.fail(failure);
  }

  /**
   * Closes the current request's connection (HTTP/1.1 has no other way to stop a response). The
   * reset surfaces as a stream exception that nobody needs: it is swallowed, not logged.
   */
  private void drop() {
    if (response != null) {
      response.exceptionHandler(ignored -> {});
      response = null;
    }
    if (current != null) {
      HttpClientRequest request = current;
      current = null;
      request.reset();
    }
  }

  private static long parseLength(String value) {
    try {
      return Long.parseLong(value.strip());
    } catch (NumberFormatException e) {
      return -1; // not trusted either way: the streaming cap still applies
    }
  }

  /**
   * A short cause for the user's error message. Deliberately generic: socket messages carry the
   * address that was connected to, which may be an allow-listed internal one.
   */
  private static String describe(Throwable cause) {
    for (Throwable c = cause; c != null; c = c.getCause()) {
      String type = c.getClass().getSimpleName();
      if (c instanceof javax.net.ssl.SSLException) {
        return "TLS failed";
      }
      if (type.contains("Timeout")) {
        return "timed out";
      }
      if (c instanceof java.net.ConnectException) {
        return "connection refused";
      }
    }
    return "connection failed";
  }
}
