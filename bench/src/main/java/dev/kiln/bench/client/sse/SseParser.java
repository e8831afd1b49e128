package dev.kiln.bench.client.sse;

import io.vertx.core.buffer.Buffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Cuts a {@code text/event-stream} body into events the way the WHATWG HTML standard tells a
 * browser to: lines end in CRLF, LF or CR; a line that starts with a colon is a comment (Kiln's
 * heartbeat); {@code event}, {@code data} (several lines join with a line feed) and {@code id}
 * fields, one space after the colon dropped; an empty line dispatches the event unless it had no
 * data; {@code retry} and unknown fields are ignored. Chunks may end anywhere, even inside a line,
 * a CRLF or a UTF-8 sequence: lines are cut as bytes and decoded whole. One parser per connection.
 */
public final class SseParser {

  private static final char BYTE_ORDER_MARK = '\uFEFF';

  private byte[] line = new byte[512];
  private int lineLength;
  private boolean afterCr;
  private boolean firstLine = true;
  private String name = "";
  private final StringBuilder data = new StringBuilder();
  private boolean hasData;
  private String lastId = "";
  private long comments;
  private String lastComment = "";

  /** Reads the next chunk of the body; returns the events it completed, in order. */
  public List<SseEvent> feed(Buffer chunk) {
    List<SseEvent> events = new ArrayList<>(2);
    for (int i = 0; i < chunk.length(); i++) {
      byte b = chunk.getByte(i);
      if (b == '\n' && afterCr) {
        afterCr = false; // the LF of a CRLF whose CR ended the line already
        continue;
      }
      afterCr = b == '\r';
      if (b == '\n' || b == '\r') {
        line(decodeLine(), events);
      } else {
        append(b);
      }
    }
    return events;
  }

  /** Comment lines seen so far (Kiln sends one as a heartbeat while nothing happens). */
  public long comments() {
    return comments;
  }

  /**
   * The text of the last comment line, without its colon and one space after it ({@code end} when
   * Kiln closes a finished job's stream); empty before the first.
   */
  public String lastComment() {
    return lastComment;
  }

  private void line(String text, List<SseEvent> events) {
    if (text.isEmpty()) {
      dispatch(events);
      return;
    }
    if (text.charAt(0) == ':') {
      comments++;
      lastComment = text.startsWith(": ") ? text.substring(2) : text.substring(1);
      return;
    }
    int colon = text.indexOf(':');
    String field = colon < 0 ? text : text.substring(0, colon);
    String value = "";
    if (colon >= 0) {
      int start = colon + 1;
      if (start < text.length() && text.charAt(start) == ' ') {
        start++;
      }
      value = text.substring(start);
    }
    switch (field) {
      case "event" -> name = value;
      case "data" -> {
        if (hasData) {
          data.append('\n');
        }
        data.append(value);
        hasData = true;
      }
      case "id" -> {
        if (value.indexOf('\0') < 0) {
          lastId = value;
        }
      }
      default -> {
        // retry: reconnection is the caller's; unknown fields are ignored, as the standard says
      }
    }
  }

  private void dispatch(List<SseEvent> events) {
    if (hasData) {
      events.add(new SseEvent(name.isEmpty() ? "message" : name, lastId, data.toString()));
    }
    name = "";
    data.setLength(0);
    hasData = false;
  }

  private void append(byte b) {
    if (lineLength == line.length) {
      line = Arrays.copyOf(line, line.length * 2);
    }
    line[lineLength++] = b;
  }

  private String decodeLine() {
    String text = new String(line, 0, lineLength, StandardCharsets.UTF_8);
    lineLength = 0;
    if (firstLine) {
      firstLine = false;
      if (!text.isEmpty() && text.charAt(0) == BYTE_ORDER_MARK) {
        return text.substring(1);
      }
    }
    return text;
  }
}
