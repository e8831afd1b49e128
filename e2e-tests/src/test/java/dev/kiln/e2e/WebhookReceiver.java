package dev.kiln.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Queue;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * A real webhook receiver on 127.0.0.1, as an app would run one: a JDK HTTP server that records
 * every request it gets (headers, body, time, the status it answered) and answers each with the
 * next status of a programmable queue, 200 once the queue is empty.
 */
final class WebhookReceiver implements AutoCloseable {

  private static final ObjectMapper JSON = new ObjectMapper();

  /** One request received. Header names are lower case. */
  record Request(
      String method,
      String path,
      Map<String, List<String>> headers,
      byte[] body,
      Instant receivedAt,
      int answered) {

    String header(String name) {
      List<String> values = headers.get(name.toLowerCase(Locale.ROOT));
      return values == null || values.isEmpty() ? null : values.getFirst();
    }

    String webhookId() {
      return header("webhook-id");
    }

    JsonNode json() {
      try {
        return JSON.readTree(body);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }

    /** The body's {@code type}, such as {@code job.completed}. */
    String type() {
      return json().path("type").asText();
    }

    /** The job id of a job's event: {@code data.id}. */
    String jobId() {
      return json().path("data").path("id").asText();
    }

    /**
     * Whether one of the {@code v1} signatures of {@code webhook-signature} is the HMAC-SHA256,
     * under the secret's key, of {@code webhook-id.webhook-timestamp.body} (computed here,
     * independently of Kiln's code).
     */
    boolean signatureVerifies(String secret) {
      String id = webhookId();
      String timestamp = header("webhook-timestamp");
      String signatures = header("webhook-signature");
      if (id == null || timestamp == null || signatures == null) {
        return false;
      }
      byte[] expected = hmac(secret, id, timestamp, body);
      for (String signature : signatures.trim().split(" +")) {
        if (signature.startsWith("v1,")) {
          byte[] given;
          try {
            given = Base64.getDecoder().decode(signature.substring(3));
          } catch (IllegalArgumentException e) {
            continue;
          }
          if (MessageDigest.isEqual(expected, given)) {
            return true;
          }
        }
      }
      return false;
    }

    @Override
    public String toString() {
      return method
          + " "
          + path
          + " at "
          + receivedAt
          + " answered "
          + answered
          + " "
          + headers
          + " "
          + new String(body, StandardCharsets.UTF_8);
    }
  }

  private final HttpServer server;
  private final ExecutorService executor;
  private final Queue<Integer> statuses = new ConcurrentLinkedQueue<>();
  private final Queue<Request> received = new ConcurrentLinkedQueue<>();

  private WebhookReceiver(HttpServer server, ExecutorService executor) {
    this.server = server;
    this.executor = executor;
  }

  /** Starts a receiver on a free port of 127.0.0.1. */
  static WebhookReceiver start() throws IOException {
    HttpServer server =
        HttpServer.create(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 0), 512);
    // Two API instances may have up to 32 attempts each in flight to one endpoint.
    ExecutorService executor = Executors.newFixedThreadPool(8);
    WebhookReceiver receiver = new WebhookReceiver(server, executor);
    server.createContext("/", receiver::handle);
    server.setExecutor(executor);
    server.start();
    return receiver;
  }

  /** The URL of {@code path} on this receiver, such as {@code /hooks}. */
  URI url(String path) {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + path);
  }

  /** Answers the next requests with these statuses, in order (then 200 again). */
  void answerNext(int... codes) {
    for (int code : codes) {
      statuses.add(code);
    }
  }

  /** Every request received so far, in the order they arrived. */
  List<Request> received() {
    return new ArrayList<>(received);
  }

  /** How many requests were received so far. */
  int count() {
    return received.size();
  }

  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
  }

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      byte[] body;
      try (InputStream in = exchange.getRequestBody()) {
        body = in.readAllBytes();
      }
      Instant at = Instant.now();
      Integer next = statuses.poll();
      int status = next == null ? 200 : next;
      Map<String, List<String>> headers = new TreeMap<>();
      exchange
          .getRequestHeaders()
          .forEach(
              (name, values) -> headers.put(name.toLowerCase(Locale.ROOT), List.copyOf(values)));
      received.add(
          new Request(
              exchange.getRequestMethod(),
              exchange.getRequestURI().getPath(),
              Map.copyOf(headers),
              body,
              at,
              status));
      byte[] answer = (status / 100 == 2 ? "ok" : "not now").getBytes(StandardCharsets.UTF_8);
      exchange.getResponseHeaders().set("Content-Type", "text/plain");
      exchange.sendResponseHeaders(status, answer.length);
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(answer);
      }
    }
  }

  private static byte[] hmac(String secret, String id, String timestamp, byte[] body) {
    String key = secret.startsWith("whsec_") ? secret.substring("whsec_".length()) : secret;
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(Base64.getDecoder().decode(key), "HmacSHA256"));
      mac.update((id + "." + timestamp + ".").getBytes(StandardCharsets.UTF_8));
      return mac.doFinal(body);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }
}
