package dev.kiln.api.http;

import dev.kiln.api.config.HttpConfig;
import dev.kiln.api.config.MediaConfig;
import dev.kiln.api.media.UploadLimit;
import dev.kiln.api.problems.ProblemCode;
import dev.kiln.api.problems.ProblemResponder;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.Map;

/**
 * The first check of every request, before any body is read: URI length (414), header size (431)
 * and a declared body size (413) against {@link HttpConfig}, each answered with a problem document
 * rather than the HTTP server's bare status. A body declared too large is never read: the answer
 * says {@code Connection: close} and the connection is closed, so the client stops sending at once.
 * A chunked body has no declared size: it is counted as it is read, here ({@link BodyReading},
 * handed on as a {@link BufferedBody}) or, for an upload, by the upload reader.
 */
@ApplicationScoped
public class RequestLimits {

  /** Before the HTTP layer's own body limit (order -2) and before any resource. */
  static final int ORDER = -20;

  private final HttpConfig config;
  private final MediaConfig media;
  private final ProblemResponder problems;

  public RequestLimits(HttpConfig config, MediaConfig media, ProblemResponder problems) {
    this.config = config;
    this.media = media;
    this.problems = problems;
  }

  void install(@Observes Router router) {
    router.route().order(ORDER).handler(this::check);
  }

  void check(RoutingContext context) {
    HttpServerRequest request = context.request();
    if (request.uri().length() > config.maxUriLength()) {
      problems.answerAndClose(
          context,
          ProblemCode.URI_TOO_LONG,
          "The request URI is %d characters; the limit is %d"
              .formatted(request.uri().length(), config.maxUriLength()));
      return;
    }
    long headerBytes = headerBytes(request);
    if (headerBytes > config.maxHeaderBytes()) {
      problems.answerAndClose(
          context,
          ProblemCode.REQUEST_HEADERS_TOO_LARGE,
          "The request headers are %d bytes; the limit is %d"
              .formatted(headerBytes, config.maxHeaderBytes()));
      return;
    }
    long limit = bodyLimit(request);
    String declared = request.getHeader(HttpHeaderNames.CONTENT_LENGTH);
    if (declared == null && request.headers().contains(HttpHeaderNames.TRANSFER_ENCODING)) {
      if (UploadLimit.isUpload(request)) {
        context.next(); // counted as it is read, by the upload reader
      } else {
        BodyReading.read(
            context,
            limit,
            problems,
            body -> {
              BufferedBody.keep(context, body);
              context.next();
            });
      }
      return;
    }
    if (declared != null && parse(declared) > limit) {
      problems.answerAndClose(
          context,
          ProblemCode.PAYLOAD_TOO_LARGE,
          "The request body is %s bytes; the limit is %d".formatted(declared, limit));
      return;
    }
    context.next();
  }

  /** The body limit of the request: an upload's for {@code POST /v1/media}, else the JSON one. */
  long bodyLimit(HttpServerRequest request) {
    return UploadLimit.isUpload(request)
        ? UploadLimit.of(media, request.getHeader(HttpHeaderNames.CONTENT_TYPE))
        : config.maxJsonBytes();
  }

  private static long headerBytes(HttpServerRequest request) {
    long bytes = 0;
    for (Map.Entry<String, String> header : request.headers()) {
      bytes += header.getKey().length() + header.getValue().length() + 4; // ": " and CRLF
    }
    return bytes;
  }

  /** A Content-Length the HTTP codec accepted: digits, possibly more than a long holds. */
  private static long parse(String declared) {
    try {
      return Long.parseLong(declared.trim());
    } catch (NumberFormatException tooLong) {
      return Long.MAX_VALUE;
    }
  }
}
