package dev.kiln.api.support;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * A real HTTP receiver of webhooks on 127.0.0.1: answers each request with the next scripted {@link
 * Reply} (200 once the script is used up) and records every request it got.
 */
public final class WebhookReceiver implements AutoCloseable {

  private final HttpServer server;
  private final Queue<Reply> script = new ConcurrentLinkedQueue<>();
  private final List<Received> received = new CopyOnWriteArrayList<>();
  private final CountDownLatch closing = new CountDownLatch(1);

  public WebhookReceiver() {
    try {
      server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    server.createContext("/", this::handle);
    server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
    server.start();
  }

  /** The URL of {@code path} on this receiver, e.g. {@code /hooks}. */
  public String url(String path) {
    return "http://127.0.0.1:" + server.getAddress().getPort() + path;
  }

  /** Answers the next requests with these replies, in order. */
  public WebhookReceiver then(Reply... replies) {
    script.addAll(List.of(replies));
    return this;
  }

  public List<Received> received() {
    return List.copyOf(received);
  }

  /** The requests received on {@code path}. */
  public List<Received> receivedOn(String path) {
    return received.stream().filter(r -> r.path().equals(path)).toList();
  }

  private void handle(HttpExchange exchange) throws IOException {
    byte[] body = exchange.getRequestBody().readAllBytes();
    Map<String, String> headers = new java.util.TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    exchange.getRequestHeaders().forEach((name, values) -> headers.put(name, values.getFirst()));
    received.add(
        new Received(
            Instant.now(),
            exchange.getRequestURI().getPath(),
            headers,
            new String(body, StandardCharsets.UTF_8)));
    Reply reply = script.poll();
    if (reply == null) {
      reply = Reply.status(200);
    }
    if (reply.silent()) {
      try {
        closing.await(30, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      exchange.close();
      return;
    }
    if (reply.delay() > 0) {
      try {
        Thread.sleep(reply.delay());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    reply.headers().forEach((name, value) -> exchange.getResponseHeaders().add(name, value));
    byte[] answer = reply.body().getBytes(StandardCharsets.UTF_8);
    exchange.sendResponseHeaders(reply.status(), answer.length == 0 ? -1 : answer.length);
    if (answer.length > 0) {
      exchange.getResponseBody().write(answer);
    }
    exchange.close();
  }

  @Override
  public void close() {
    closing.countDown();
    server.stop(0);
  }

  /** One request as received. */
  public record Received(Instant at, String path, Map<String, String> headers, String body) {

    public String header(String name) {
      return headers.get(name);
    }
  }

  /** What to answer one request with. */
  public record Reply(
      int status, Map<String, String> headers, String body, boolean silent, long delay) {

    public static Reply status(int status) {
      return new Reply(status, Map.of(), "", false, 0);
    }

    public static Reply status(int status, String body) {
      return new Reply(status, Map.of(), body, false, 0);
    }

    public static Reply withHeader(int status, String name, String value) {
      return new Reply(status, Map.of(name, value), "", false, 0);
    }

    /** Answers 200 after {@code millis}. */
    public static Reply slow(long millis) {
      return new Reply(200, Map.of(), "", false, millis);
    }

    /** Never answers (until the receiver closes). */
    public static Reply silence() {
      return new Reply(0, Map.of(), "", true, 0);
    }
  }
}
