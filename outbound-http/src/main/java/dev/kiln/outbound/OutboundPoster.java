package dev.kiln.outbound;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClientOptions;
import java.net.URI;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * POSTs to a user-named URL (webhook deliveries) behind the same SSRF guard as {@link
 * OutboundFetcher}: every post checks the URL with the {@link OutboundPolicy}, resolves its host
 * once, checks every address and connects to a checked one while Host, TLS SNI and certificate
 * verification use the name. Redirects are never followed: a 3xx is an outcome like any other
 * status, its {@code Location} reported, its target not contacted.
 *
 * <p>Connections are kept alive and pooled ({@link PostSettings#maxPoolSizePerHost()} per checked
 * address and host name), since deliveries go to the same receivers again and again. Pooling
 * changes nothing in the guard: the check runs for every post, and a pooled connection is only
 * reused for the address that post was checked to go to. One timer bounds each post; of the
 * response body only {@link PostSettings#excerptBytes()} are read. Thread-safe; one instance per
 * application.
 */
public final class OutboundPoster implements AutoCloseable {

  /** Headers the exchange owns: a caller's value would break the framing or the pinned host. */
  private static final Set<String> RESERVED_HEADERS =
      Set.of("host", "content-length", "transfer-encoding", "connection", "upgrade", "te");

  private final GuardedClient client;
  private final PostSettings settings;

  public OutboundPoster(Vertx vertx, OutboundPolicy policy, PostSettings settings) {
    this(vertx, policy, settings, HostResolver.SYSTEM, new HttpClientOptions());
  }

  /**
   * @param base client options to start from (tests add a trust store here); the guard's own
   *     settings are applied on top of them
   */
  OutboundPoster(
      Vertx vertx,
      OutboundPolicy policy,
      PostSettings settings,
      HostResolver resolver,
      HttpClientOptions base) {
    this.settings = settings;
    // The idle timeout also ends keep-alive connections that wait in the pool.
    this.client =
        GuardedClient.open(
            vertx,
            policy,
            resolver,
            base,
            settings.connectTimeout(),
            settings.timeout(),
            settings.maxPoolSizePerHost());
  }

  public OutboundPolicy policy() {
    return client.policy();
  }

  public PostSettings settings() {
    return settings;
  }

  /**
   * Posts the body without blocking. The future succeeds with the response, whatever its status,
   * and fails with a {@link FetchRefusedException} when the policy refuses the URL or an address
   * its host resolves to (nothing is sent), or a {@link FetchFailedException} when there is no
   * response: unknown host, connection refused, TLS failure, or no response head within the
   * timeout.
   *
   * @param headers request headers; {@code Content-Type} defaults to {@code application/json}, and
   *     {@code User-Agent} to {@link PostSettings#userAgent()}
   * @param timeout the budget of the whole post; capped at {@link PostSettings#timeout()}
   * @throws IllegalArgumentException for a header the exchange sets itself ({@code Host}, {@code
   *     Content-Length}, {@code Transfer-Encoding}, {@code Connection}, {@code Upgrade}, {@code
   *     TE}), or a header name or value with a line break or NUL
   */
  public Future<PostOutcome> post(
      URI url, Map<String, String> headers, Buffer body, Duration timeout) {
    headers.forEach(OutboundPoster::checkHeader);
    Duration budget = timeout.compareTo(settings.timeout()) < 0 ? timeout : settings.timeout();
    if (budget.isNegative() || budget.isZero()) {
      return Future.failedFuture(new FetchFailedException("no time left to post", true, null));
    }
    return new PostExchange(client, settings, Map.copyOf(headers), body, budget).start(url);
  }

  /** {@link #post(URI, Map, Buffer, Duration)} with the body as bytes. */
  public Future<PostOutcome> post(
      URI url, Map<String, String> headers, byte[] body, Duration timeout) {
    return post(url, headers, Buffer.buffer(body), timeout);
  }

  private static void checkHeader(String name, String value) {
    if (RESERVED_HEADERS.contains(name.strip().toLowerCase(Locale.ROOT))) {
      throw new IllegalArgumentException("the header " + name + " is set by the poster");
    }
    if (breaksTheHead(name) || breaksTheHead(value)) {
      throw new IllegalArgumentException("a header has a line break or NUL");
    }
  }

  private static boolean breaksTheHead(String text) {
    return text.indexOf('\r') >= 0 || text.indexOf('\n') >= 0 || text.indexOf('\0') >= 0;
  }

  @Override
  public void close() {
    client.close();
  }
}
