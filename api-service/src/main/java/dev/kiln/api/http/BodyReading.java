package dev.kiln.api.http;

import dev.kiln.api.problems.ProblemCode;
import dev.kiln.api.problems.ProblemResponder;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.RoutingContext;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * Reads one request body into memory, counting as it goes: the first byte past the limit is
 * answered 413 with {@code Connection: close} and the connection closed, so a client sending 200 MB
 * (with or without Content-Length) learns at once and nothing past the limit is kept.
 */
public final class BodyReading {

  private final RoutingContext context;
  private final long limit;
  private final ProblemResponder problems;
  private final List<Buffer> chunks = new ArrayList<>();
  private long length;
  private Consumer<byte[]> whenRead;
  private boolean over;

  private BodyReading(RoutingContext context, long limit, ProblemResponder problems) {
    this.context = context;
    this.limit = limit;
    this.problems = problems;
  }

  /** Reads the body of the context's request, then hands it to {@code whenRead}. */
  public static void read(
      RoutingContext context, long limit, ProblemResponder problems, Consumer<byte[]> whenRead) {
    BodyReading reading = new BodyReading(context, limit, problems);
    reading.whenRead = whenRead;
    reading.start();
  }

  private void start() {
    HttpServerRequest request = context.request();
    if (request.isEnded()) {
      whenRead.accept(new byte[0]);
      return;
    }
    if ("100-continue".equalsIgnoreCase(request.getHeader(HttpHeaderNames.EXPECT))) {
      context.response().writeContinue(); // the client waits for this before it sends the body
    }
    request.handler(this::chunk);
    request.endHandler(ignored -> finish());
    request.exceptionHandler(
        failure -> {
          over = true;
          request.connection().close();
        });
    request.resume();
  }

  private void chunk(Buffer chunk) {
    if (over) {
      return;
    }
    if (length + chunk.length() > limit) {
      over = true;
      problems.answerAndClose(
          context,
          ProblemCode.PAYLOAD_TOO_LARGE,
          "The request body is larger than the limit of %d bytes".formatted(limit));
      return;
    }
    chunks.add(chunk); // Vert.x hands out heap copies, safe to keep
    length += chunk.length();
  }

  /** The body in one array, allocated once at its final size rather than grown as it came. */
  private void finish() {
    if (over) {
      return;
    }
    byte[] body = new byte[(int) length];
    int at = 0;
    for (Buffer chunk : chunks) {
      chunk.getBytes(0, chunk.length(), body, at);
      at += chunk.length();
    }
    chunks.clear();
    whenRead.accept(body);
  }
}
