package dev.kiln.client.sse;

import java.io.BufferedReader;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.function.LongConsumer;

/**
 * Reads Server-Sent Events from a stream as the HTML specification parses them: {@code field:value}
 * lines, an event dispatched at each blank line, comments ({@code :...}) ignored, the {@code
 * retry:} field kept. Not thread-safe.
 */
public final class SseReader implements Closeable {

  private final BufferedReader lines;
  private final LongConsumer onRetry;
  private Long retryMillis;

  public SseReader(InputStream in) {
    this(in, millis -> {});
  }

  /**
   * @param onRetry told each {@code retry:} the server sends, at once (a stream may drop before the
   *     next event)
   */
  public SseReader(InputStream in, LongConsumer onRetry) {
    this.lines = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
    this.onRetry = onRetry;
  }

  /**
   * The next event, or null when the stream ended (cleanly or not: an event cut off before its
   * blank line is never returned).
   *
   * @throws IOException when reading fails (a dropped connection)
   */
  public SseEvent next() throws IOException {
    String id = null;
    String type = null;
    StringBuilder data = null;
    String line;
    while ((line = lines.readLine()) != null) {
      if (line.isEmpty()) {
        if (data != null) {
          return new SseEvent(id, type == null ? "message" : type, data.toString());
        }
        id = null;
        type = null;
        continue;
      }
      if (line.startsWith(":")) {
        continue;
      }
      int colon = line.indexOf(':');
      String field = colon < 0 ? line : line.substring(0, colon);
      String value = colon < 0 ? "" : line.substring(colon + 1);
      if (value.startsWith(" ")) {
        value = value.substring(1);
      }
      switch (field) {
        case "id":
          id = value;
          break;
        case "event":
          type = value;
          break;
        case "data":
          data = data == null ? new StringBuilder(value) : data.append('\n').append(value);
          break;
        case "retry":
          retryMillis = parseRetry(value, retryMillis);
          if (retryMillis != null) {
            onRetry.accept(retryMillis);
          }
          break;
        default:
          break;
      }
    }
    return null;
  }

  /** The last {@code retry:} the server sent, in milliseconds; null while it sent none. */
  public Long retryMillis() {
    return retryMillis;
  }

  @Override
  public void close() throws IOException {
    lines.close();
  }

  private static Long parseRetry(String value, Long previous) {
    try {
      return Long.parseLong(value);
    } catch (NumberFormatException e) {
      return previous;
    }
  }
}
