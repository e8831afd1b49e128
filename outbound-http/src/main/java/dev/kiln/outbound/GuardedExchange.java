package dev.kiln.outbound;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.impl.VertxInternal;
import io.vertx.core.net.SocketAddress;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Duration;

/**
 * What every request behind the guard does, whatever its method: one timer for the whole exchange,
 * and for each request sent (the first, or a redirect's) {@link OutboundPolicy#checkUrl}, one
 * lookup of the host with {@link OutboundPolicy#checkResolved} of every answer, and a connection to
 * a checked address ({@link RequestOptions#setServer}) while Host, TLS SNI and certificate
 * verification use the name. Subclasses say what to send ({@link #prepare}, {@link #send}) and what
 * to make of the response ({@link #onResponse}, {@link #onTimeout}).
 *
 * <p>Every callback runs on the one Vert.x context the exchange starts on, so its state needs no
 * locking; it ends exactly once ({@link #succeed} or {@link #fail}) and a late callback finds it
 * {@link #done}.
 */
abstract class GuardedExchange<T> {

  private final GuardedClient client;
  private final String userAgent;
  private final Duration budget;
  private final Promise<T> result = Promise.promise();

  private Context context;
  private long timer = -1;
  private HttpClientRequest current;
  private HttpClientResponse response;
  private boolean done;

  GuardedExchange(GuardedClient client, String userAgent, Duration budget) {
    this.client = client;
    this.userAgent = userAgent;
    this.budget = budget;
  }

  final Future<T> start(URI url) {
    // Always an event-loop context of our own, never the caller's: a blocking caller on a worker
    // (or virtual-thread) context would otherwise hold up the very callbacks it waits for.
    context = ((VertxInternal) client.vertx()).createEventLoopContext();
    context.runOnContext(
        ignored -> {
          timer = client.vertx().setTimer(budget.toMillis(), id -> onTimeout());
          hop(url);
        });
    return result.future();
  }

  /** The whole exchange's time limit. */
  final Duration budget() {
    return budget;
  }

  final boolean done() {
    return done;
  }

  /**
   * Checks the URL, resolves its host once (on a worker thread), checks every address and sends the
   * request to a checked one. Called for the first URL and for every redirect followed.
   */
  final void hop(URI url) {
    Destination destination;
    try {
      destination = client.policy().checkUrl(url);
    } catch (FetchRefusedException e) {
      fail(e);
      return;
    }
    checkedAddress(destination)
        .compose(
            address ->
                done // timed out during the lookup: nothing to connect for
                    ? Future.failedFuture("ended")
                    : client.http().request(pinned(destination, address)))
        .compose(
            request -> {
              current = request;
              if (done) { // timed out while connecting
                drop();
              }
              return send(request);
            })
        .onComplete(
            sent -> {
              if (done) {
                return;
              }
              if (sent.succeeded()) {
                response = sent.result();
                onResponse(destination, response);
              } else if (sent.cause() instanceof OutboundException refusedOrUnresolved) {
                fail(refusedOrUnresolved);
              } else {
                fail(
                    new FetchFailedException(
                        "cannot reach " + destination.host() + ": " + describe(sent.cause()),
                        true,
                        sent.cause()));
              }
            });
  }

  /**
   * The address to connect to: a literal at once (checked with the URL), a name's after one lookup
   * on a worker thread and the check of every answer.
   */
  private Future<InetAddress> checkedAddress(Destination destination) {
    if (destination.literal().isPresent()) {
      return Future.succeededFuture(destination.literal().get());
    }
    return context
        .executeBlocking(
            () -> client.policy().addressToConnect(destination, client.resolver()), false)
        .recover(
            e ->
                Future.failedFuture(
                    e instanceof OutboundException
                        ? e
                        : OutboundPolicy.unresolvable(destination, e)));
  }

  /**
   * A request to the checked address (an address object without a name, so nothing resolves again),
   * with the host name for Host, TLS SNI and certificate verification.
   */
  private RequestOptions pinned(Destination destination, InetAddress checked) {
    InetAddress pinned = HostLiteral.toAddress(checked.getAddress());
    RequestOptions options =
        new RequestOptions()
            .setServer(
                SocketAddress.inetSocketAddress(new InetSocketAddress(pinned, destination.port())))
            .setHost(destination.host())
            .setPort(destination.port())
            .setSsl(destination.tls())
            .setURI(destination.requestTarget())
            .setFollowRedirects(false)
            .putHeader(HttpHeaders.HOST, destination.authority())
            .putHeader(HttpHeaders.USER_AGENT, userAgent);
    prepare(options);
    return options;
  }

  /** Sets the method and the request's own headers (Host and User-Agent are set already). */
  abstract void prepare(RequestOptions options);

  /** Sends the request, with its body if it has one. */
  abstract Future<HttpClientResponse> send(HttpClientRequest request);

  /** Handles the response head: reads the body, or makes another {@link #hop} for a redirect. */
  abstract void onResponse(Destination destination, HttpClientResponse response);

  /** The {@link #budget} ran out before the exchange ended. */
  abstract void onTimeout();

  final void succeed(T value) {
    if (done) {
      return;
    }
    done = true;
    client.vertx().cancelTimer(timer);
    result.complete(value);
  }

  final void fail(OutboundException failure) {
    if (done) {
      return;
    }
    done = true;
    client.vertx().cancelTimer(timer);
    drop();
    result.fail(failure);
  }

  /**
   * Closes the current request's connection (HTTP/1.1 has no other way to stop a response). The
   * reset surfaces as a stream exception that nobody needs: it is swallowed, not logged.
   */
  final void drop() {
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

  /**
   * A short cause for the user's error message. Deliberately generic: socket messages carry the
   * address that was connected to, which may be an allow-listed internal one.
   */
  static String describe(Throwable cause) {
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
