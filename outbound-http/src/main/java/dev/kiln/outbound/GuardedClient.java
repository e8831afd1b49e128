package dev.kiln.outbound;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpVersion;
import io.vertx.core.http.PoolOptions;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * What every {@link GuardedExchange} of one {@link OutboundFetcher} or {@link OutboundPoster} works
 * with: the Vert.x client (its pool keyed by the checked address and the host name), the policy and
 * the resolver. Thread-safe.
 */
record GuardedClient(Vertx vertx, HttpClient http, OutboundPolicy policy, HostResolver resolver)
    implements AutoCloseable {

  /**
   * A client configured for the guard: HTTP/1.1, no proxy (it would resolve names itself), host
   * name verification, no compression, no redirects followed by the client.
   *
   * @param base client options to start from (tests add a trust store here); the guard's own
   *     settings are applied on top of them
   * @param idleTimeout how long a connection may stay idle, in the pool or mid-response
   * @param maxPoolSize connections kept per checked address and host name
   */
  static GuardedClient open(
      Vertx vertx,
      OutboundPolicy policy,
      HostResolver resolver,
      HttpClientOptions base,
      Duration connectTimeout,
      Duration idleTimeout,
      int maxPoolSize) {
    HttpClientOptions options =
        new HttpClientOptions(base)
            .setProtocolVersion(HttpVersion.HTTP_1_1)
            .setProxyOptions(null)
            .setConnectTimeout((int) connectTimeout.toMillis())
            .setIdleTimeout((int) idleTimeout.toMillis())
            .setIdleTimeoutUnit(TimeUnit.MILLISECONDS)
            .setVerifyHost(true)
            .setTryUseCompression(false)
            .setMaxRedirects(0);
    HttpClient http =
        vertx.createHttpClient(options, new PoolOptions().setHttp1MaxSize(maxPoolSize));
    return new GuardedClient(vertx, http, policy, resolver);
  }

  /** For the settings records: a timeout must be positive. */
  static void requirePositive(Duration duration, String what) {
    if (duration.isNegative() || duration.isZero()) {
      throw new IllegalArgumentException(what + " must be positive");
    }
  }

  @Override
  public void close() {
    http.close();
  }
}
