package dev.kiln.client;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.kiln.client.http.RetryPolicy;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;

/**
 * A JDK HTTP server on 127.0.0.1 that answers each request with the next scripted answer and
 * records what it received: a stand-in for Kiln in the client's unit tests.
 */
final class TestServer implements AutoCloseable {

  /** One answer: writes the exchange (or drops it). */
  interface Answer {
    void write(HttpExchange exchange) throws IOException;
  }

  /** A request received. */
  record Received(String method, String uri, Map<String, List<String>> headers, byte[] body) {
    String header(String name) {
      return headers.entrySet().stream()
          .filter(e -> e.getKey().equalsIgnoreCase(name))
          .map(e -> e.getValue().get(0))
          .findFirst()
          .orElse(null);
    }
  }

  private final HttpServer server;
  private final Queue<Answer> answers = new ConcurrentLinkedQueue<>();
  private final List<Received> received = new CopyOnWriteArrayList<>();

  TestServer() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 16);
    server.setExecutor(Executors.newFixedThreadPool(4));
    server.createContext("/", this::handle);
    server.start();
  }

  /** A client of this server with short retry waits. */
  KilnClient client() {
    return KilnClient.builder()
        .baseUrl("http://127.0.0.1:" + server.getAddress().getPort())
        .apiKey("kiln_sk_test")
        .retries(
            new RetryPolicy(3, Duration.ofMillis(10), Duration.ofMillis(50), Duration.ofSeconds(2)))
        .build();
  }

  TestServer then(Answer answer) {
    answers.add(answer);
    return this;
  }

  /** Answers JSON with this status. */
  TestServer thenJson(int status, String json) {
    return then(exchange -> write(exchange, status, "application/json", json, Map.of()));
  }

  /** Answers a problem document with this status and extra headers. */
  TestServer thenProblem(int status, String json, Map<String, String> headers) {
    return then(exchange -> write(exchange, status, "application/problem+json", json, headers));
  }

  /** Closes the connection without an answer. */
  TestServer thenDrop() {
    return then(HttpExchange::close);
  }

  List<Received> received() {
    return new ArrayList<>(received);
  }

  static void write(
      HttpExchange exchange, int status, String type, String body, Map<String, String> headers)
      throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().set("Content-Type", type);
    headers.forEach((name, value) -> exchange.getResponseHeaders().set(name, value));
    exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(bytes);
    }
  }

  private void handle(HttpExchange exchange) throws IOException {
    byte[] body;
    try (InputStream in = exchange.getRequestBody()) {
      body = in.readAllBytes();
    }
    received.add(
        new Received(
            exchange.getRequestMethod(),
            exchange.getRequestURI().toString(),
            Map.copyOf(exchange.getRequestHeaders()),
            body));
    Answer answer = answers.poll();
    if (answer == null) {
      write(exchange, 500, "text/plain", "no answer scripted", Map.of());
      return;
    }
    answer.write(exchange);
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
