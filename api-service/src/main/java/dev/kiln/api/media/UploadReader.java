package dev.kiln.api.media;

import dev.kiln.api.config.MediaConfig;
import dev.kiln.api.http.BodyReading;
import dev.kiln.api.problems.ApiException;
import dev.kiln.api.problems.ProblemCode;
import dev.kiln.api.problems.ProblemResponder;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.Locale;

/**
 * Reads the body of {@code POST /v1/media} before the resource runs, counting as it goes: the first
 * byte past the limit is answered 413 with {@code Connection: close} and the connection is closed,
 * so a client sending 200 MB (with or without Content-Length) learns at once and nothing past the
 * limit is kept. A body within the limit is handed to {@link MediaResource} as the image bytes (the
 * {@code file} field of a multipart form). Content types are checked before reading: {@code
 * image/*} or {@code application/octet-stream} (the raw image), or {@code multipart/form-data} with
 * a boundary.
 */
@ApplicationScoped
public class UploadReader {

  /** After the request limits (order -20), before the HTTP layer's own body limit (-2). */
  static final int ORDER = -10;

  private static final String IMAGE = "kiln.upload.image";
  private static final String ACCEPTED =
      "Send the image as image/*, application/octet-stream or multipart/form-data (field 'file')";

  private final MediaConfig limits;
  private final ProblemResponder problems;

  public UploadReader(MediaConfig limits, ProblemResponder problems) {
    this.limits = limits;
    this.problems = problems;
  }

  void install(@Observes Router router) {
    router.route(HttpMethod.POST, "/v1/media").order(ORDER).handler(this::read);
  }

  /** The upload's image bytes, as read before the resource ran. */
  static byte[] image(RoutingContext context) {
    byte[] image = context.get(IMAGE);
    if (image == null) {
      throw new ApiException(ProblemCode.UNSUPPORTED_MEDIA_TYPE, ACCEPTED);
    }
    return image;
  }

  void read(RoutingContext context) {
    HttpServerRequest request = context.request();
    String contentType = request.getHeader(HttpHeaderNames.CONTENT_TYPE);
    String type = mediaType(contentType);
    String boundary = null;
    if (type.equals("multipart/form-data")) {
      boundary = boundary(contentType);
      if (boundary == null) {
        problems.answerAndClose(
            context,
            ProblemCode.UNSUPPORTED_MEDIA_TYPE,
            "multipart/form-data needs a boundary parameter of 1 to "
                + MultipartForm.MAX_BOUNDARY
                + " characters");
        return;
      }
    } else if (!type.startsWith("image/") && !type.equals("application/octet-stream")) {
      problems.answerAndClose(
          context,
          ProblemCode.UNSUPPORTED_MEDIA_TYPE,
          (type.isEmpty() ? "The upload has no Content-Type. " : type + " is not an upload type. ")
              + ACCEPTED);
      return;
    }
    String multipartBoundary = boundary;
    BodyReading.read(
        context,
        UploadLimit.of(limits, contentType),
        problems,
        body -> {
          byte[] bytes = body.getBytes();
          try {
            context.put(
                IMAGE,
                multipartBoundary == null ? bytes : MultipartForm.file(bytes, multipartBoundary));
          } catch (ApiException e) {
            problems.answer(context, e.code(), e.getMessage(), e.errors());
            return;
          }
          context.next();
        });
  }

  /** The type/subtype of a Content-Type, lower case; empty when there is none. */
  static String mediaType(String contentType) {
    if (contentType == null) {
      return "";
    }
    int semicolon = contentType.indexOf(';');
    return (semicolon < 0 ? contentType : contentType.substring(0, semicolon))
        .trim()
        .toLowerCase(Locale.ROOT);
  }

  /** The boundary parameter of a multipart Content-Type, unquoted, or null when missing or bad. */
  static String boundary(String contentType) {
    for (String parameter : contentType.split(";")) {
      int equals = parameter.indexOf('=');
      if (equals > 0 && parameter.substring(0, equals).trim().equalsIgnoreCase("boundary")) {
        String value = parameter.substring(equals + 1).trim();
        if (value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"")) {
          value = value.substring(1, value.length() - 1);
        }
        boolean valid = !value.isEmpty() && value.length() <= MultipartForm.MAX_BOUNDARY;
        for (int i = 0; valid && i < value.length(); i++) {
          char c = value.charAt(i);
          valid = c >= 0x20 && c < 0x7F;
        }
        return valid ? value : null;
      }
    }
    return null;
  }
}
