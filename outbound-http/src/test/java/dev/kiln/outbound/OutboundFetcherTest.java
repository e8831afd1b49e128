package dev.kiln.outbound;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.impl.VertxInternal;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The fetcher against a real HTTP server on 127.0.0.1 (allowed per test through the allow-list).
 */
class OutboundFetcherTest {

  private static final List<String> LOOPBACK_ONE = List.of("127.0.0.1/32");
  private static final Duration GENEROUS = Duration.ofSeconds(20);

  private static Vertx vertx;
  private final List<OutboundFetcher> fetchers = new ArrayList<>();
  private TestServer server;

  @BeforeAll
  static void startVertx() {
    vertx = Vertx.vertx();
  }

  @AfterAll
  static void stopVertx() {
    vertx.close().toCompletionStage().toCompletableFuture().join();
  }

  @BeforeEach
  void startServer() throws IOException {
    server = new TestServer();
  }

  @AfterEach
  void stopServer() {
    fetchers.forEach(OutboundFetcher::close);
    server.close();
  }

  @Test
  void fetchesTheBodyFromAnAllowListedServer() {
    byte[] image = randomBytes(100_000);
    server.handle("/cat.png", TestServer.bytes(200, image));

    FetchedBody body = fetcher(LOOPBACK_ONE).getBlocking(server.url("/cat.png"), 100_000, GENEROUS);

    assertThat(body.bytes()).isEqualTo(image);
    assertThat(body.redirects()).isZero();
    assertThat(server.hosts()).containsExactly("127.0.0.1:" + server.port());
  }

  @Test
  void loopbackIsRefusedByDefaultAndNothingIsSent() {
    server.handle("/", TestServer.bytes(200, new byte[] {1}));

    assertThatThrownBy(() -> fetcher(List.of()).getBlocking(server.url("/"), 100, GENEROUS))
        .isInstanceOfSatisfying(
            FetchRefusedException.class,
            e -> assertThat(e.range()).contains(BlockedRange.LOOPBACK));
    assertThat(server.paths()).isEmpty();
  }

  @Test
  void connectsToTheCheckedAddressAndSendsTheOriginalHostName() {
    server.handle("/a.png", TestServer.bytes(200, new byte[] {1, 2, 3}));
    AtomicInteger lookups = new AtomicInteger();
    HostResolver table = table(Map.of("images.kiln.test", List.of("127.0.0.1")), lookups);

    // The name exists nowhere but in the table: a second lookup by the client would fail.
    FetchedBody body =
        fetcher(LOOPBACK_ONE, table, GENEROUS)
            .getBlocking(
                URI.create("http://images.kiln.test:" + server.port() + "/a.png"), 10, GENEROUS);

    assertThat(body.bytes()).containsExactly(1, 2, 3);
    assertThat(server.hosts()).containsExactly("images.kiln.test:" + server.port());
    assertThat(lookups).hasValue(1);
  }

  @Test
  void aNameWithAnyBlockedAnswerIsRefused() {
    server.handle("/", TestServer.bytes(200, new byte[] {1}));
    HostResolver rebinding =
        table(Map.of("rebind.kiln.test", List.of("127.0.0.1", "127.0.0.2")), new AtomicInteger());

    assertThatThrownBy(
            () ->
                fetcher(LOOPBACK_ONE, rebinding, GENEROUS)
                    .getBlocking(
                        URI.create("http://rebind.kiln.test:" + server.port() + "/"), 10, GENEROUS))
        .isInstanceOf(FetchRefusedException.class);
    assertThat(server.paths()).isEmpty();
  }

  @Test
  void followsRedirectsAndChecksEveryHop() {
    server.handle("/r1", TestServer.redirect(302, "/r2"));
    server.handle("/r2", TestServer.redirect(301, server.url("/img").toString()));
    server.handle("/img", TestServer.bytes(200, new byte[] {9}));

    FetchedBody body = fetcher(LOOPBACK_ONE).getBlocking(server.url("/r1"), 10, GENEROUS);

    assertThat(body.bytes()).containsExactly(9);
    assertThat(body.redirects()).isEqualTo(2);
    assertThat(body.url()).isEqualTo(server.url("/img"));
    assertThat(server.paths()).containsExactly("/r1", "/r2", "/img");
  }

  @Test
  void aRedirectToABlockedTargetIsRefused() {
    server.handle(
        "/metadata", TestServer.redirect(302, "http://169.254.169.254/latest/meta-data/"));
    server.handle("/other-loopback", TestServer.redirect(307, "http://127.0.0.2:" + server.port()));
    server.handle("/localhost", TestServer.redirect(308, "http://localhost:" + server.port()));
    server.handle("/file", TestServer.redirect(302, "file:///etc/passwd"));
    OutboundFetcher fetcher = fetcher(LOOPBACK_ONE);

    assertThatThrownBy(() -> fetcher.getBlocking(server.url("/metadata"), 10, GENEROUS))
        .isInstanceOfSatisfying(
            FetchRefusedException.class,
            e -> assertThat(e.range()).contains(BlockedRange.CLOUD_METADATA));
    assertThatThrownBy(() -> fetcher.getBlocking(server.url("/other-loopback"), 10, GENEROUS))
        .isInstanceOfSatisfying(
            FetchRefusedException.class,
            e -> assertThat(e.range()).contains(BlockedRange.LOOPBACK));
    assertThatThrownBy(() -> fetcher.getBlocking(server.url("/localhost"), 10, GENEROUS))
        .isInstanceOf(FetchRefusedException.class);
    assertThatThrownBy(() -> fetcher.getBlocking(server.url("/file"), 10, GENEROUS))
        .isInstanceOf(FetchRefusedException.class)
        .hasMessageContaining("http");
    assertThat(server.paths())
        .containsExactly("/metadata", "/other-loopback", "/localhost", "/file");
  }

  @Test
  void aRedirectLoopStopsAfterFiveRedirects() {
    server.handle("/loop", TestServer.redirect(302, "/loop"));

    assertThatThrownBy(() -> fetcher(LOOPBACK_ONE).getBlocking(server.url("/loop"), 10, GENEROUS))
        .isInstanceOfSatisfying(
            FetchFailedException.class,
            e -> {
              assertThat(e.retryable()).isFalse();
              assertThat(e.getMessage()).contains("more than 5 redirects");
            });
    assertThat(server.paths()).hasSize(6);
  }

  @Test
  void non2xxAnswersFailRetryableOnlyForServerErrors() {
    server.handle("/missing", TestServer.bytes(404, "not here".getBytes()));
    server.handle("/busy", TestServer.bytes(503, new byte[0]));
    OutboundFetcher fetcher = fetcher(LOOPBACK_ONE);

    assertThatThrownBy(() -> fetcher.getBlocking(server.url("/missing"), 100, GENEROUS))
        .isInstanceOfSatisfying(
            FetchFailedException.class,
            e -> {
              assertThat(e.retryable()).isFalse();
              assertThat(e.status()).hasValue(404);
            });
    assertThatThrownBy(() -> fetcher.getBlocking(server.url("/busy"), 100, GENEROUS))
        .isInstanceOfSatisfying(
            FetchFailedException.class,
            e -> {
              assertThat(e.retryable()).isTrue();
              assertThat(e.status()).hasValue(503);
            });
  }

  @Test
  void theSizeCapAbortsTheTransferMidStream() throws Exception {
    long offered = 64L * 1024 * 1024;
    AtomicLong written = new AtomicLong();
    AtomicBoolean brokenOff = new AtomicBoolean();
    CountDownLatch serverDone = new CountDownLatch(1);
    server.handle(
        "/endless",
        exchange -> {
          exchange.sendResponseHeaders(200, 0); // chunked: no length announced
          byte[] chunk = randomBytes(64 * 1024);
          try (OutputStream out = exchange.getResponseBody()) {
            while (written.get() < offered) {
              out.write(chunk);
              out.flush();
              written.addAndGet(chunk.length);
            }
          } catch (IOException e) {
            brokenOff.set(true);
          } finally {
            serverDone.countDown();
          }
        });

    assertThatThrownBy(
            () -> fetcher(LOOPBACK_ONE).getBlocking(server.url("/endless"), 256 * 1024, GENEROUS))
        .isInstanceOfSatisfying(
            FetchTooLargeException.class, e -> assertThat(e.limit()).isEqualTo(256 * 1024));
    assertThat(serverDone.await(30, TimeUnit.SECONDS)).isTrue();
    assertThat(brokenOff).isTrue();
    assertThat(written.get()).isLessThan(offered);
  }

  @Test
  void anAnnouncedLengthOverTheCapIsRefusedBeforeTheBody() {
    server.handle("/huge", TestServer.bytes(200, randomBytes(2 * 1024 * 1024)));

    assertThatThrownBy(() -> fetcher(LOOPBACK_ONE).getBlocking(server.url("/huge"), 1024, GENEROUS))
        .isInstanceOf(FetchTooLargeException.class);
  }

  @Test
  void aServerThatNeverAnswersTimesOut() throws Exception {
    CountDownLatch release = new CountDownLatch(1);
    server.handle(
        "/slow",
        exchange -> {
          try {
            release.await(60, TimeUnit.SECONDS);
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
        });
    try {
      assertThatThrownBy(
              () ->
                  fetcher(LOOPBACK_ONE)
                      .getBlocking(server.url("/slow"), 10, Duration.ofMillis(300)))
          .isInstanceOfSatisfying(
              FetchFailedException.class,
              e -> {
                assertThat(e.retryable()).isTrue();
                assertThat(e.getMessage()).contains("no complete response");
              });
    } finally {
      release.countDown();
    }
  }

  @Test
  void networkFailuresAreReportedWithoutAddresses() throws Exception {
    int closedPort;
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      closedPort = socket.getLocalPort();
    }
    HostResolver unknown =
        host -> {
          throw new UnknownHostException(host);
        };

    HostResolver table =
        table(Map.of("closed.kiln.test", List.of("127.0.0.1")), new AtomicInteger());

    assertThatThrownBy(
            () ->
                fetcher(LOOPBACK_ONE, table, GENEROUS)
                    .getBlocking(
                        URI.create("http://closed.kiln.test:" + closedPort + "/"), 10, GENEROUS))
        .isInstanceOfSatisfying(
            FetchFailedException.class,
            e -> {
              assertThat(e.retryable()).isTrue();
              assertThat(e.getMessage())
                  .isEqualTo("cannot reach closed.kiln.test: connection refused");
            });
    assertThatThrownBy(
            () ->
                fetcher(LOOPBACK_ONE, unknown, GENEROUS)
                    .getBlocking(URI.create("http://nowhere.kiln.test/"), 10, GENEROUS))
        .isInstanceOfSatisfying(
            FetchFailedException.class, e -> assertThat(e.retryable()).isFalse());
  }

  @Test
  void blockingOnAnEventLoopIsRefused() {
    OutboundFetcher fetcher = fetcher(LOOPBACK_ONE);
    CompletableFuture<Throwable> thrown = new CompletableFuture<>();

    vertx.runOnContext(
        ignored -> {
          try {
            fetcher.getBlocking(server.url("/"), 10, GENEROUS);
            thrown.complete(null);
          } catch (RuntimeException e) {
            thrown.complete(e);
          }
        });

    assertThat(thrown.join()).isInstanceOf(IllegalStateException.class);
  }

  @Test
  void anAllowListedIpv6LiteralGetsABracketedHostHeader() throws Exception {
    HttpServer v6;
    try {
      v6 = HttpServer.create(new InetSocketAddress(InetAddress.getByName("::1"), 0), 0);
    } catch (IOException e) {
      Assumptions.abort("no IPv6 loopback here: " + e.getMessage());
      return;
    }
    List<String> hosts = new CopyOnWriteArrayList<>();
    v6.createContext(
        "/",
        exchange -> {
          hosts.add(exchange.getRequestHeaders().getFirst("Host"));
          exchange.sendResponseHeaders(200, 1);
          exchange.getResponseBody().write(5);
          exchange.close();
        });
    v6.start();
    try {
      int port = v6.getAddress().getPort();
      FetchedBody body =
          fetcher(List.of("::1"))
              .getBlocking(URI.create("http://[::1]:" + port + "/v6"), 10, GENEROUS);

      assertThat(body.bytes()).containsExactly(5);
      assertThat(hosts).containsExactly("[::1]:" + port);
    } finally {
      v6.stop(0);
    }
  }

  @Test
  void aBlockingCallerOnAWorkerContextDoesNotWaitForItself() {
    server.handle("/w.png", TestServer.bytes(200, new byte[] {7}));
    OutboundFetcher fetcher = fetcher(LOOPBACK_ONE);
    CompletableFuture<Object> outcome = new CompletableFuture<>();

    // A worker context runs its tasks one at a time: callbacks queued on it would wait behind the
    // blocked caller until the fetch timed out.
    ((VertxInternal) vertx)
        .createWorkerContext()
        .runOnContext(
            ignored -> {
              try {
                outcome.complete(
                    fetcher.getBlocking(server.url("/w.png"), 10, Duration.ofSeconds(3)));
              } catch (RuntimeException e) {
                outcome.complete(e);
              }
            });

    assertThat(outcome.join())
        .isInstanceOfSatisfying(
            FetchedBody.class, body -> assertThat(body.bytes()).containsExactly(7));
  }

  private OutboundFetcher fetcher(List<String> allow) {
    return fetcher(allow, HostResolver.SYSTEM, GENEROUS);
  }

  private OutboundFetcher fetcher(List<String> allow, HostResolver resolver, Duration timeout) {
    OutboundFetcher fetcher =
        new OutboundFetcher(
            vertx,
            new OutboundPolicy(AllowList.parse(allow)),
            new FetchSettings(Duration.ofSeconds(5), timeout, 5, "Kiln-test"),
            resolver,
            new HttpClientOptions());
    fetchers.add(fetcher);
    return fetcher;
  }

  /** A resolver answering from a fixed table, counting its lookups. */
  static HostResolver table(Map<String, List<String>> entries, AtomicInteger lookups) {
    return host -> {
      lookups.incrementAndGet();
      List<String> addresses = entries.get(host);
      if (addresses == null) {
        throw new UnknownHostException(host);
      }
      List<InetAddress> resolved = new ArrayList<>();
      for (String address : addresses) {
        resolved.add(
            InetAddress.getByAddress(
                host, HostLiteral.parseIp(address).orElseThrow().getAddress()));
      }
      return resolved;
    };
  }

  static byte[] randomBytes(int size) {
    byte[] bytes = new byte[size];
    new Random(size).nextBytes(bytes);
    return bytes;
  }
}
