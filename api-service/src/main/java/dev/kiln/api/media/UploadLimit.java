package dev.kiln.api.media;

import dev.kiln.api.config.MediaConfig;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;

/** How many bytes an upload's body may have: the image limit, plus room for multipart framing. */
public final class UploadLimit {

  /** Part headers, boundaries and small fields of a multipart upload. */
  static final long MULTIPART_ALLOWANCE = 64 * 1024;

  private UploadLimit() {}

  /** True for {@code POST /v1/media}, whose body is an image. */
  public static boolean isUpload(HttpServerRequest request) {
    String path = request.path();
    return request.method() == HttpMethod.POST
        && ("/v1/media".equals(path) || "/v1/media/".equals(path));
  }

  /** The body limit of an upload with this Content-Type. */
  public static long of(MediaConfig limits, String contentType) {
    boolean multipart = contentType != null && contentType.toLowerCase().startsWith("multipart/");
    return limits.maxBytes() + (multipart ? MULTIPART_ALLOWANCE : 0);
  }
}
