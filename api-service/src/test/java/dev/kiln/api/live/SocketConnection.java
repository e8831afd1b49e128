package dev.kiln.api.live;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.net.http.WebSocketHandshakeException;
import java.nio.ByteBuffer;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/** A client's WebSocket to a stream: the JSON messages it receives, its pings and its close. */
final class SocketConnection implements AutoCloseable {

  private static final HttpClient CLIENT = HttpClient.newHttpClient();
  private static final ObjectMapper JSON = new ObjectMapper();

  private final LinkedBlockingQueue<JsonNode> messages = new LinkedBlockingQueue<>();
  private final CompletableFuture<Integer> closeCode = new CompletableFuture<>();
  private final AtomicInteger pings = new AtomicInteger();
  private final WebSocket socket;

  private SocketConnection(URI uri, Map<String, String> headers) throws Exception {
    WebSocket.Builder builder = CLIENT.newWebSocketBuilder();
    headers.forEach(builder::header);
    socket = builder.buildAsync(uri, new Collector()).get(20, TimeUnit.SECONDS);
  }

  /** Opens the socket with these headers (such as {@code Authorization}). */
  static SocketConnection open(URI uri, Map<String, String> headers) throws Exception {
    return new SocketConnection(uri, headers);
  }

  /** The HTTP status the server refused the upgrade with, and its headers. */
  static WebSocketHandshakeException refusal(URI uri, Map<String, String> headers)
      throws Exception {
    WebSocket.Builder builder = CLIENT.newWebSocketBuilder();
    headers.forEach(builder::header);
    try {
      builder.buildAsync(uri, new WebSocket.Listener() {}).get(20, TimeUnit.SECONDS).abort();
    } catch (ExecutionException e) {
      if (e.getCause() instanceof WebSocketHandshakeException refused) {
        return refused;
      }
      throw e;
    }
    throw new AssertionError("the server accepted the WebSocket to " + uri);
  }

  void send(String message) throws Exception {
    socket.sendText(message, true).get(20, TimeUnit.SECONDS);
  }

  /** The next message the server sent. */
  JsonNode next() throws InterruptedException {
    JsonNode message = messages.poll(20, TimeUnit.SECONDS);
    assertThat(message).as("a message within 20 s").isNotNull();
    return message;
  }

  /** The next message, which must be an event; answers it. */
  JsonNode nextEvent() throws InterruptedException {
    JsonNode message = next();
    assertThat(message.path("type").asText()).as("message %s", message).isEqualTo("event");
    return message;
  }

  /** The close code the server sent. */
  int awaitClose() throws Exception {
    return closeCode.get(20, TimeUnit.SECONDS);
  }

  int pings() {
    return pings.get();
  }

  @Override
  public void close() {
    socket.abort();
  }

  private final class Collector implements WebSocket.Listener {
    private final StringBuilder partial = new StringBuilder();

    @Override
    public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
      partial.append(data);
      if (last) {
        try {
          messages.add(JSON.readTree(partial.toString()));
        } catch (Exception e) {
          throw new IllegalStateException("not JSON: " + partial, e);
        }
        partial.setLength(0);
      }
      webSocket.request(1);
      return null;
    }

    @Override
    public CompletionStage<?> onPing(WebSocket webSocket, ByteBuffer message) {
      pings.incrementAndGet();
      return WebSocket.Listener.super.onPing(webSocket, message);
    }

    @Override
    public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
      closeCode.complete(statusCode);
      return null;
    }

    @Override
    public void onError(WebSocket webSocket, Throwable error) {
      closeCode.completeExceptionally(error);
    }
  }
}
