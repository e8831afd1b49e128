package dev.kiln.outbound;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.net.PemTrustOptions;
import io.vertx.core.net.PfxOptions;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * HTTPS to a pinned address: the connection goes to the checked 127.0.0.1 while SNI, Host and the
 * certificate check use the name from the URL. The certificate is made by the JDK's keytool.
 */
class PinnedTlsTest {

  private static final String NAME = "images.kiln.test";
  private static final String PASSWORD = "changeit";

  @TempDir static Path dir;
  private static Vertx vertx;
  private static HttpServer server;
  private static OutboundFetcher fetcher;
  private static OutboundPoster poster;
  private static final List<String> serverNames = new CopyOnWriteArrayList<>();
  private static final List<String> hosts = new CopyOnWriteArrayList<>();
  private static final List<String> methods = new CopyOnWriteArrayList<>();

  @BeforeAll
  static void start() throws Exception {
    Path keystore = dir.resolve("server.p12");
    Path certificate = dir.resolve("server.pem");
    keytool(
        "-genkeypair",
        "-alias",
        "kiln",
        "-keyalg",
        "EC",
        "-groupname",
        "secp256r1",
        "-dname",
        "CN=" + NAME,
        "-ext",
        "SAN=dns:" + NAME,
        "-validity",
        "2",
        "-storetype",
        "PKCS12",
        "-keystore",
        keystore.toString(),
        "-storepass",
        PASSWORD,
        "-keypass",
        PASSWORD);
    keytool(
        "-exportcert",
        "-rfc",
        "-alias",
        "kiln",
        "-keystore",
        keystore.toString(),
        "-storepass",
        PASSWORD,
        "-file",
        certificate.toString());
    vertx = Vertx.vertx();
    server =
        vertx
            .createHttpServer(
                new HttpServerOptions()
                    .setHost("127.0.0.1")
                    .setPort(0)
                    .setSsl(true)
                    .setSni(true)
                    .setKeyCertOptions(
                        new PfxOptions().setPath(keystore.toString()).setPassword(PASSWORD)))
            .requestHandler(
                request -> {
                  serverNames.add(String.valueOf(request.connection().indicatedServerName()));
                  hosts.add(request.getHeader("Host"));
                  methods.add(request.method().name());
                  request.response().end("secret pixels");
                })
            .listen()
            .toCompletionStage()
            .toCompletableFuture()
            .get(30, TimeUnit.SECONDS);
    HostResolver table =
        OutboundFetcherTest.table(
            Map.of(NAME, List.of("127.0.0.1"), "other.kiln.test", List.of("127.0.0.1")),
            new AtomicInteger());
    OutboundPolicy policy = new OutboundPolicy(AllowList.parse(List.of("127.0.0.1/32")));
    HttpClientOptions trusting =
        new HttpClientOptions()
            .setTrustOptions(new PemTrustOptions().addCertPath(certificate.toString()));
    fetcher =
        new OutboundFetcher(
            vertx,
            policy,
            new FetchSettings(Duration.ofSeconds(5), Duration.ofSeconds(20), 5, "Kiln-test"),
            table,
            trusting);
    poster =
        new OutboundPoster(
            vertx,
            policy,
            new PostSettings(Duration.ofSeconds(5), Duration.ofSeconds(20), 1024, 4, "Kiln-test"),
            table,
            trusting);
  }

  @BeforeEach
  void forgetEarlierRequests() {
    serverNames.clear();
    hosts.clear();
    methods.clear();
  }

  @AfterAll
  static void stop() {
    fetcher.close();
    poster.close();
    vertx.close().toCompletionStage().toCompletableFuture().join();
  }

  @Test
  void sniHostAndCertificateUseTheNameWhileTheSocketGoesToTheCheckedAddress() {
    URI url = URI.create("https://" + NAME + ":" + server.actualPort() + "/a.png");

    FetchedBody body = fetcher.getBlocking(url, 100, Duration.ofSeconds(20));

    assertThat(new String(body.bytes())).isEqualTo("secret pixels");
    assertThat(serverNames).containsExactly(NAME);
    assertThat(hosts).containsExactly(NAME + ":" + server.actualPort());
  }

  @Test
  void aNameTheCertificateDoesNotCoverFailsTheHandshake() {
    URI url = URI.create("https://other.kiln.test:" + server.actualPort() + "/a.png");

    assertThatThrownBy(() -> fetcher.getBlocking(url, 100, Duration.ofSeconds(20)))
        .isInstanceOfSatisfying(
            FetchFailedException.class,
            e -> assertThat(e.getMessage()).isEqualTo("cannot reach other.kiln.test: TLS failed"));
  }

  @Test
  void aPostIsPinnedTheSameWay() throws Exception {
    URI url = URI.create("https://" + NAME + ":" + server.actualPort() + "/hooks");

    PostOutcome outcome =
        OutboundPosterTest.await(
            poster.post(url, Map.of(), new byte[] {'{', '}'}, Duration.ofSeconds(20)));

    assertThat(outcome.statusCode()).isEqualTo(200);
    assertThat(outcome.excerpt()).isEqualTo("secret pixels");
    assertThat(methods).containsExactly("POST");
    assertThat(serverNames).containsExactly(NAME);
    assertThat(hosts).containsExactly(NAME + ":" + server.actualPort());
  }

  private static void keytool(String... args) throws Exception {
    Path keytool = Path.of(System.getProperty("java.home"), "bin", "keytool");
    List<String> command = new ArrayList<>(List.of(keytool.toString()));
    command.addAll(List.of(args));
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    String output = new String(process.getInputStream().readAllBytes());
    if (process.waitFor() != 0) {
      throw new IllegalStateException("keytool failed: " + output);
    }
  }
}
