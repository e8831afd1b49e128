package dev.kiln.outbound;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClientOptions;
import java.net.URI;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * GETs a user-named URL behind the SSRF guard. Each hop (the URL and every redirect, at most {@link
 * FetchSettings#maxRedirects()}) is checked by the {@link OutboundPolicy}, its host resolved once,
 * every address checked, and the connection opened to a checked address while Host, TLS SNI and
 * certificate verification use the original name. Redirects are never followed by the client
 * itself. The body is streamed into memory and the connection closed as soon as it passes the
 * caller's limit; one timer bounds the whole fetch.
 *
 * <p>Built on the Vert.x core HTTP client the services already run (see {@code docs/security.md}):
 * it accepts a pre-resolved server address per request ({@code RequestOptions.setServer}) while
 * keeping the host name for Host, SNI and hostname verification, which the JDK client cannot do. No
 * proxy is configured, so nothing resolves the name a second time. Thread-safe; one instance per
 * application.
 */
public final class OutboundFetcher implements AutoCloseable {

  /** How much longer than the fetch's own timer a blocking caller waits (it never should). */
  private static final Duration BLOCKING_GRACE = Duration.ofSeconds(5);

  private final GuardedClient client;
  private final FetchSettings settings;

  public OutboundFetcher(Vertx vertx, OutboundPolicy policy, FetchSettings settings) {
    this(vertx, policy, settings, HostResolver.SYSTEM, new HttpClientOptions());
  }

  /**
   * @param base client options to start from (tests add a trust store here); the guard's own
   *     settings are applied on top of them
   */
  OutboundFetcher(
      Vertx vertx,
      OutboundPolicy policy,
      FetchSettings settings,
      HostResolver resolver,
      HttpClientOptions base) {
    this.settings = settings;
    this.client =
        GuardedClient.open(
            vertx, policy, resolver, base, settings.connectTimeout(), settings.timeout(), 16);
  }

  public OutboundPolicy policy() {
    return client.policy();
  }

  /**
   * Fetches the URL without blocking; the future fails with an {@link OutboundException}.
   *
   * @param maxBytes the largest body accepted
   * @param timeout the budget of the whole fetch; capped at {@link FetchSettings#timeout()}
   */
  public Future<FetchedBody> get(URI url, long maxBytes, Duration timeout) {
    Duration budget = timeout.compareTo(settings.timeout()) < 0 ? timeout : settings.timeout();
    if (budget.isNegative() || budget.isZero()) {
      return Future.failedFuture(new FetchFailedException("no time left to fetch", true, null));
    }
    return new FetchExchange(client, settings, maxBytes, budget).start(url);
  }

  /**
   * {@link #get} for callers on worker threads: waits for the result.
   *
   * @throws OutboundException why there is no body
   * @throws IllegalStateException when called on an event-loop thread
   */
  public FetchedBody getBlocking(URI url, long maxBytes, Duration timeout) {
    if (Context.isOnEventLoopThread()) {
      throw new IllegalStateException("a blocking fetch must not run on an event-loop thread");
    }
    Future<FetchedBody> fetch = get(url, maxBytes, timeout);
    long waitMillis = settings.timeout().plus(BLOCKING_GRACE).toMillis();
    try {
      return fetch.toCompletionStage().toCompletableFuture().get(waitMillis, TimeUnit.MILLISECONDS);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof OutboundException outbound) {
        throw outbound;
      }
      throw new FetchFailedException("the fetch failed unexpectedly", true, e.getCause());
    } catch (TimeoutException e) {
      throw new FetchFailedException("the fetch timed out", true, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new FetchFailedException("the fetch was interrupted", true, e);
    }
  }

  @Override
  public void close() {
    client.close();
  }
}
