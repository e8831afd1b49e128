package dev.kiln.outbound;

import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import java.net.URI;
import java.time.Duration;
import java.util.Set;

/**
 * One fetch, from the first URL through its redirects to the body or a failure. Each hop is checked
 * and pinned by {@link GuardedExchange}; this class follows redirects and caps the body.
 */
final class FetchExchange extends GuardedExchange<FetchedBody> {

  private static final Set<Integer> REDIRECTS = Set.of(301, 302, 303, 307, 308);

  private final FetchSettings settings;
  private final long maxBytes;
  private int redirects;

  FetchExchange(GuardedClient client, FetchSettings settings, long maxBytes, Duration budget) {
    super(client, settings.userAgent(), budget);
    this.settings = settings;
    this.maxBytes = maxBytes;
  }

  @Override
  void prepare(RequestOptions options) {
    options.setMethod(HttpMethod.GET).putHeader(HttpHeaders.ACCEPT, "image/*, */*;q=0.5");
  }

  @Override
  Future<HttpClientResponse> send(HttpClientRequest request) {
    return request.send();
  }

  @Override
  void onTimeout() {
    fail(
        new FetchFailedException(
            "no complete response within " + budget().toMillis() + " ms", true, null));
  }

  @Override
  void onResponse(Destination destination, HttpClientResponse response) {
    int status = response.statusCode();
    String location = response.getHeader(HttpHeaders.LOCATION);
    if (REDIRECTS.contains(status) && location != null) {
      drop(); // the redirect's body is not wanted: close the connection
      if (++redirects > settings.maxRedirects()) {
        fail(
            new FetchFailedException(
                "more than " + settings.maxRedirects() + " redirects", false, null));
        return;
      }
      URI next;
      try {
        next = destination.url().resolve(URI.create(location.strip()));
      } catch (IllegalArgumentException e) {
        fail(new FetchFailedException("the redirect location is no valid URL", false, e));
        return;
      }
      hop(next);
      return;
    }
    if (status < 200 || status > 299) {
      fail(FetchFailedException.status(status));
      return;
    }
    String length = response.getHeader(HttpHeaders.CONTENT_LENGTH);
    if (length != null && parseLength(length) > maxBytes) {
      fail(new FetchTooLargeException(maxBytes));
      return;
    }
    Buffer body = Buffer.buffer();
    response.handler(
        chunk -> {
          if (done()) {
            return;
          }
          if ((long) body.length() + chunk.length() > maxBytes) {
            fail(new FetchTooLargeException(maxBytes)); // closes the connection now

            return;
          }
          body.appendBuffer(chunk);
        });
    response.exceptionHandler(
        e -> fail(new FetchFailedException("the response broke off: " + describe(e), true, e)));
    response.endHandler(
        ignored -> succeed(new FetchedBody(body.getBytes(), destination.url(), redirects)));
  }

  private static long parseLength(String value) {
    try {
      return Long.parseLong(value.strip());
    } catch (NumberFormatException e) {
      return -1; // not trusted either way: the streaming cap still applies
    }
  }
}
