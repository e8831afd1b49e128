package dev.kiln.outbound;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.assertj.core.api.InstanceOfAssertFactories.throwable;
import static org.assertj.core.api.InstanceOfAssertFactories.type;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClientOptions;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The poster against a real receiver on 127.0.0.1 (allowed per test through the allow-list, as in
 * {@link OutboundFetcherTest}).
 */
class OutboundPosterTest {

  private static final List<String> LOOPBACK_ONE = List.of("127.0.0.1/32");
  private static final Duration GENEROUS = Duration.ofSeconds(20);
  private static final Buffer EVENT = Buffer.buffer("{\"type\":\"job.succeeded\",\"id\":\"j1\"}");

  private Vertx vertx;
  private TestReceiver receiver;

  @BeforeEach
  void start() {
    vertx = Vertx.vertx();
    receiver = new TestReceiver(vertx);
  }

  @AfterEach
  void stop() {
    vertx.close().toCompletionStage().toCompletableFuture().join(); // posters and receivers too
  }

  @Test
  void headersAndBodyArriveIntact() throws Exception {
    receiver.on("/hooks/kiln", TestReceiver.answer(200, Map.of(), Buffer.buffer("thanks")));

    PostOutcome outcome =
        await(
            poster(LOOPBACK_ONE)
                .post(
                    receiver.url("/hooks/kiln?tenant=7"),
                    Map.of("Kiln-Signature", "t=1,v1=abc", "Kiln-Event-Id", "evt_1"),
                    EVENT,
                    GENEROUS));

    assertThat(outcome.statusCode()).isEqualTo(200);
    assertThat(outcome.successful()).isTrue();
    assertThat(outcome.excerpt()).isEqualTo("thanks");
    assertThat(outcome.retryAfter()).isNull();
    assertThat(outcome.location()).isNull();
    assertThat(receiver.requests())
        .singleElement()
        .satisfies(
            received -> {
              assertThat(received.method()).isEqualTo("POST");
              assertThat(received.uri()).isEqualTo("/hooks/kiln?tenant=7");
              assertThat(received.body()).isEqualTo(EVENT);
              assertThat(received.headers().get("Content-Type")).isEqualTo("application/json");
              assertThat(received.headers().get("Content-Length"))
                  .isEqualTo(String.valueOf(EVENT.length()));
              assertThat(received.headers().get("User-Agent")).isEqualTo("Kiln-test");
              assertThat(received.headers().get("Host")).isEqualTo("127.0.0.1:" + receiver.port());
              assertThat(received.headers().get("Kiln-Signature")).isEqualTo("t=1,v1=abc");
              assertThat(received.headers().get("Kiln-Event-Id")).isEqualTo("evt_1");
            });
  }

  @Test
  void aGivenContentTypeIsKeptAndBytesAreSentAsGiven() throws Exception {
    receiver.on("/", TestReceiver.answer(204, Map.of(), Buffer.buffer()));
    byte[] body = OutboundFetcherTest.randomBytes(100_000);

    PostOutcome outcome =
        await(
            poster(LOOPBACK_ONE)
                .post(
                    receiver.url("/"),
                    Map.of("content-type", "application/octet-stream"),
                    body,
                    GENEROUS));

    assertThat(outcome.statusCode()).isEqualTo(204);
    assertThat(outcome.excerpt()).isEmpty();
    TestReceiver.Received received = receiver.requests().getFirst();
    assertThat(received.headers().getAll("Content-Type"))
        .containsExactly("application/octet-stream");
    assertThat(received.body().getBytes()).isEqualTo(body);
  }

  @Test
  void aLargeBodyIsCutAtTheExcerptLimit() throws Exception {
    receiver.on("/", TestReceiver.answer(200, Map.of(), Buffer.buffer("a".repeat(1_000_000))));

    PostOutcome outcome =
        await(poster(LOOPBACK_ONE).post(receiver.url("/"), Map.of(), EVENT, GENEROUS));

    assertThat(outcome.statusCode()).isEqualTo(200);
    assertThat(outcome.excerpt()).isEqualTo("a".repeat(1024));
  }

  @Test
  void aServerErrorIsAnOutcomeWithItsBody() throws Exception {
    receiver.on("/", TestReceiver.answer(500, Map.of(), Buffer.buffer("database down")));

    PostOutcome outcome =
        await(poster(LOOPBACK_ONE).post(receiver.url("/"), Map.of(), EVENT, GENEROUS));

    assertThat(outcome.statusCode()).isEqualTo(500);
    assertThat(outcome.successful()).isFalse();
    assertThat(outcome.excerpt()).isEqualTo("database down");
  }

  @Test
  void aRedirectIsReturnedAndNotFollowed() throws Exception {
    try (TestReceiver target = new TestReceiver(vertx)) {
      target.on("/", TestReceiver.answer(200, Map.of(), Buffer.buffer()));
      String location = target.url("/").toString();
      receiver.on("/", TestReceiver.answer(302, Map.of("Location", location), Buffer.buffer()));

      PostOutcome outcome =
          await(poster(LOOPBACK_ONE).post(receiver.url("/"), Map.of(), EVENT, GENEROUS));

      assertThat(outcome.statusCode()).isEqualTo(302);
      assertThat(outcome.location()).isEqualTo(location);
      assertThat(receiver.requests()).hasSize(1);
      assertThat(target.requests()).isEmpty();
      assertThat(target.connections()).isZero();
    }
  }

  @Test
  void retryAfterIsSurfacedRaw() throws Exception {
    receiver.on(
        "/", TestReceiver.answer(429, Map.of("Retry-After", "120"), Buffer.buffer("slow down")));

    PostOutcome outcome =
        await(poster(LOOPBACK_ONE).post(receiver.url("/"), Map.of(), EVENT, GENEROUS));

    assertThat(outcome.statusCode()).isEqualTo(429);
    assertThat(outcome.retryAfter()).isEqualTo("120");
    assertThat(outcome.excerpt()).isEqualTo("slow down");
  }

  @Test
  void aReceiverThatNeverAnswersTimesOut() {
    receiver.on("/", request -> {}); // holds the request open

    long started = System.nanoTime();
    Future<PostOutcome> post =
        poster(LOOPBACK_ONE).post(receiver.url("/"), Map.of(), EVENT, Duration.ofMillis(300));

    assertThat(failure(post))
        .asInstanceOf(throwable(FetchFailedException.class))
        .hasMessage("no response within 300 ms")
        .returns(true, FetchFailedException::retryable);
    assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(10));
  }

  @Test
  void aBodyThatStallsAfterTheHeadGivesTheOutcomeAtTheTimeout() throws Exception {
    receiver.on(
        "/", request -> request.response().setStatusCode(202).setChunked(true).write("accep"));

    PostOutcome outcome =
        await(
            poster(LOOPBACK_ONE).post(receiver.url("/"), Map.of(), EVENT, Duration.ofMillis(300)));

    assertThat(outcome.statusCode()).isEqualTo(202);
    assertThat(outcome.excerpt()).isEqualTo("accep");
    assertThat(outcome.elapsed()).isGreaterThanOrEqualTo(Duration.ofMillis(300));
  }

  @Test
  void anEndlessBodyIsCutAfterTheExcerptAndItsConnectionClosed() throws Exception {
    CountDownLatch closed = new CountDownLatch(1);
    Buffer chunk = Buffer.buffer("x".repeat(64 * 1024));
    receiver.on("/", TestReceiver.endless(chunk, closed::countDown));

    PostOutcome outcome =
        await(poster(LOOPBACK_ONE).post(receiver.url("/"), Map.of(), EVENT, GENEROUS));

    assertThat(outcome.statusCode()).isEqualTo(200);
    assertThat(outcome.excerpt()).isEqualTo("x".repeat(1024));
    assertThat(outcome.elapsed()).isLessThan(GENEROUS);
    assertThat(closed.await(10, TimeUnit.SECONDS)).isTrue();
  }

  @Test
  void aRefusedConnectionFails() throws Exception {
    int closedPort;
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      closedPort = socket.getLocalPort();
    }

    Future<PostOutcome> post =
        poster(LOOPBACK_ONE)
            .post(URI.create("http://127.0.0.1:" + closedPort + "/"), Map.of(), EVENT, GENEROUS);

    assertThat(failure(post))
        .asInstanceOf(throwable(FetchFailedException.class))
        .hasMessage("cannot reach 127.0.0.1: connection refused")
        .returns(true, FetchFailedException::retryable);
  }

  @Test
  void blockedTargetsAreRefusedBeforeConnecting() {
    receiver.on("/", TestReceiver.answer(200, Map.of(), Buffer.buffer()));
    AtomicInteger lookups = new AtomicInteger();
    HostResolver table =
        OutboundFetcherTest.table(Map.of("hooks.kiln.test", List.of("127.0.0.1")), lookups);
    OutboundPoster strict = poster(List.of(), table, PostSettings.defaults());
    int port = receiver.port();

    assertRefused(strict, "http://127.0.0.1:" + port + "/", BlockedRange.LOOPBACK);
    assertRefused(strict, "http://10.0.0.1/", BlockedRange.PRIVATE);
    assertRefused(strict, "http://169.254.169.254/latest/meta-data/", BlockedRange.CLOUD_METADATA);
    assertRefused(strict, "http://[::ffff:127.0.0.1]:" + port + "/", BlockedRange.LOOPBACK);
    assertRefused(strict, "http://hooks.kiln.test:" + port + "/", BlockedRange.LOOPBACK);
    assertThat(lookups).hasValue(1);
    assertThat(receiver.requests()).isEmpty();
    assertThat(receiver.connections()).isZero();
  }

  @Test
  void aNameIsResolvedAndCheckedForEveryPostWhileConnectionsAreReused() throws Exception {
    receiver.on("/", TestReceiver.answer(200, Map.of(), Buffer.buffer("ok")));
    AtomicInteger lookups = new AtomicInteger();
    HostResolver table =
        OutboundFetcherTest.table(Map.of("hooks.kiln.test", List.of("127.0.0.1")), lookups);
    OutboundPoster poster =
        poster(
            LOOPBACK_ONE,
            table,
            new PostSettings(Duration.ofSeconds(5), GENEROUS, 1024, 4, "Kiln-test"));
    URI url = URI.create("http://hooks.kiln.test:" + receiver.port() + "/");
    int posts = 200;

    List<Future<PostOutcome>> all = new ArrayList<>();
    for (int i = 0; i < posts; i++) {
      all.add(poster.post(url, Map.of("Kiln-Event-Id", "evt_" + i), EVENT, GENEROUS));
    }

    for (Future<PostOutcome> post : all) {
      assertThat(await(post).statusCode()).isEqualTo(200);
    }
    assertThat(receiver.requests()).hasSize(posts);
    assertThat(receiver.requests())
        .allSatisfy(
            r ->
                assertThat(r.headers().get("Host"))
                    .isEqualTo("hooks.kiln.test:" + receiver.port()));
    assertThat(lookups).hasValue(posts);
    assertThat(receiver.connections()).isBetween(1, 4);
  }

  @Test
  void headersThePosterOwnsAreRejected() {
    OutboundPoster poster = poster(LOOPBACK_ONE);
    URI url = receiver.url("/");

    assertThatThrownBy(() -> poster.post(url, Map.of("Host", "evil.example"), EVENT, GENEROUS))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(
            () -> poster.post(url, Map.of("Transfer-Encoding", "chunked"), EVENT, GENEROUS))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> poster.post(url, Map.of("X-A", "1\r\nX-B: 2"), EVENT, GENEROUS))
        .isInstanceOf(IllegalArgumentException.class);
    assertThat(receiver.requests()).isEmpty();
  }

  @Test
  void anExcerptCutInsideACharacterDropsItsFirstBytes() {
    byte[] text = "naïve ✓".getBytes(StandardCharsets.UTF_8);

    assertThat(PostExchange.decode(text, false)).isEqualTo("naïve ✓");
    assertThat(PostExchange.decode(java.util.Arrays.copyOf(text, 3), true)).isEqualTo("na");
    assertThat(PostExchange.decode(java.util.Arrays.copyOf(text, text.length - 1), true))
        .isEqualTo("naïve ");
    assertThat(PostExchange.decode(new byte[] {'a', (byte) 0xff, 'b'}, false))
        .isEqualTo("a\uFFFDb");
  }

  private void assertRefused(OutboundPoster poster, String url, BlockedRange range) {
    assertThat(failure(poster.post(URI.create(url), Map.of(), EVENT, GENEROUS)))
        .as(url)
        .asInstanceOf(type(FetchRefusedException.class))
        .returns(Optional.of(range), FetchRefusedException::range);
  }

  private OutboundPoster poster(List<String> allow) {
    return poster(
        allow,
        HostResolver.SYSTEM,
        new PostSettings(Duration.ofSeconds(5), GENEROUS, 1024, 8, "Kiln-test"));
  }

  private OutboundPoster poster(List<String> allow, HostResolver resolver, PostSettings settings) {
    return new OutboundPoster(
        vertx,
        new OutboundPolicy(AllowList.parse(allow)),
        settings,
        resolver,
        new HttpClientOptions());
  }

  /** The exception a post failed with. */
  private static Throwable failure(Future<?> post) {
    return catchThrowable(() -> await(post));
  }

  /** The outcome, or the failure's own exception (not wrapped). */
  static <T> T await(Future<T> future) throws Exception {
    try {
      return future.toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    } catch (ExecutionException e) {
      throw e.getCause() instanceof Exception cause ? cause : e;
    }
  }
}
