package dev.kiln.api.media;

import dev.kiln.api.config.MediaConfig;
import dev.kiln.api.http.BodyReading;
import dev.kiln.api.problems.ApiException;
import dev.kiln.api.problems.ProblemCode;
import dev.kiln.api.problems.ProblemResponder;
import dev.kiln.api.tenants.ApiKeyFilter;
import dev.kiln.api.tenants.KeyAuthenticator;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.Locale;
import java.util.concurrent.Semaphore;

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
  private final KeyAuthenticator keys;
  private final Semaphore slots;

  public UploadReader(MediaConfig limits, ProblemResponder problems, KeyAuthenticator keys) {
    this.limits = limits;
    this.problems = problems;
    this.keys = keys;
    this.slots = new Semaphore(limits.maxConcurrentUploads());
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

  /**
   * Authenticates first, so that no unauthenticated client has an upload read; the key is checked
   * again, from the cache, by the REST layer.
   */
  void read(RoutingContext context) {
    HttpServerRequest request = context.request();
    request.pause();
    String key = ApiKeyFilter.presentedKey(request::getHeader);
    if (key == null) {
      problems.answerAndClose(
          context,
          ProblemCode.UNAUTHORIZED,
          "Send your API key as 'Authorization: Bearer <key>' or 'X-API-Key: <key>'");
      return;
    }
    Context here = Vertx.currentContext();
    keys.authenticate(key)
        .subscribe()
        .with(
            tenant ->
                here.runOnContext(
                    ignored -> {
                      if (tenant.isEmpty()) {
                        problems.answerAndClose(
                            context, ProblemCode.UNAUTHORIZED, "The API key is not valid");
                      } else {
                        readAuthenticated(context);
                      }
                    }),
            failure ->
                here.runOnContext(
                    ignored ->
                        problems.answerAndClose(
                            context,
                            ProblemCode.SERVICE_UNAVAILABLE,
                            "The API key could not be checked now; retry shortly")));
  }

  private void readAuthenticated(RoutingContext context) {
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
    if (!slots.tryAcquire()) {
      context.response().putHeader("Retry-After", "1");
      problems.answerAndClose(
          context,
          ProblemCode.SERVICE_UNAVAILABLE,
          "As many uploads as this server reads at once are in progress; retry in a second");
      return;
    }
    context.addEndHandler(ignored -> slots.release());
    String multipartBoundary = boundary;
    BodyReading.read(
        context,
        UploadLimit.of(limits, contentType),
        problems,
        bytes -> {
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
