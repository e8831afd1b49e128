package dev.kiln.outbound;

import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;

/**
 * One post: checked and pinned by {@link GuardedExchange}, sent once, never redirected. The outcome
 * is decided by the response head; of the body only an excerpt is read. A body that ends within the
 * excerpt leaves the connection in the pool; a longer one (or one still arriving when the timer
 * runs out) is cut off by closing the connection, so an endless body costs neither memory nor time.
 */
final class PostExchange extends GuardedExchange<PostOutcome> {

  private final Map<String, String> headers;
  private final Buffer body;
  private final int excerptBytes;
  private final long started = System.nanoTime();

  private HttpClientResponse head;
  private Buffer excerpt;

  PostExchange(
      GuardedClient client,
      PostSettings settings,
      Map<String, String> headers,
      Buffer body,
      Duration budget) {
    super(client, settings.userAgent(), budget);
    this.headers = headers;
    this.body = body;
    this.excerptBytes = settings.excerptBytes();
  }

  @Override
  void prepare(RequestOptions options) {
    options.setMethod(HttpMethod.POST);
    headers.forEach(options::putHeader);
    if (!options.getHeaders().contains(HttpHeaders.CONTENT_TYPE)) {
      options.putHeader(HttpHeaders.CONTENT_TYPE, "application/json");
    }
  }

  @Override
  Future<HttpClientResponse> send(HttpClientRequest request) {
    return request.send(body);
  }

  @Override
  void onResponse(Destination destination, HttpClientResponse response) {
    head = response;
    excerpt = Buffer.buffer(Math.min(excerptBytes, 4096));
    response.handler(
        chunk -> {
          if (done()) {
            return;
          }
          int room = excerptBytes - excerpt.length();
          if (chunk.length() > room) {
            excerpt.appendBuffer(chunk, 0, room);
            cutOff();
          } else {
            excerpt.appendBuffer(chunk);
          }
        });
    // After the head, the status stands: a body that breaks off only shortens the excerpt.
    response.exceptionHandler(ignored -> cutOff());
    response.endHandler(ignored -> succeed(outcome(false)));
  }

  @Override
  void onTimeout() {
    if (head != null) {
      cutOff();
    } else {
      fail(
          new FetchFailedException(
              "no response within " + budget().toMillis() + " ms", true, null));
    }
  }

  /** Stops reading the body: closes the connection and reports what was read. */
  private void cutOff() {
    if (done()) {
      return;
    }
    drop();
    succeed(outcome(true));
  }

  private PostOutcome outcome(boolean cut) {
    return new PostOutcome(
        head.statusCode(),
        head.getHeader(HttpHeaders.RETRY_AFTER),
        head.getHeader(HttpHeaders.LOCATION),
        decode(excerpt.getBytes(), cut),
        Duration.ofNanos(System.nanoTime() - started));
  }

  /**
   * UTF-8 with invalid bytes replaced. A body cut off mid-character loses that character's first
   * bytes rather than showing them as a replacement character.
   */
  static String decode(byte[] bytes, boolean cut) {
    return new String(bytes, 0, cut ? completeLength(bytes) : bytes.length, StandardCharsets.UTF_8);
  }

  /** The length without a trailing UTF-8 sequence that the cut left incomplete. */
  private static int completeLength(byte[] bytes) {
    for (int back = 1; back <= Math.min(3, bytes.length); back++) {
      int b = bytes[bytes.length - back] & 0xff;
      if ((b & 0xc0) == 0x80) {
        continue; // a continuation byte: look further back for the lead byte
      }
      int needed = b >= 0xf0 ? 4 : b >= 0xe0 ? 3 : b >= 0xc0 ? 2 : 1;
      return needed > back ? bytes.length - back : bytes.length;
    }
    return bytes.length;
  }
}
