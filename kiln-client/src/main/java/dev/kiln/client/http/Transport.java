package dev.kiln.client.http;

import dev.kiln.client.errors.KilnConnectionException;
import dev.kiln.client.errors.KilnException;
import dev.kiln.client.errors.KilnProblemException;
import dev.kiln.client.errors.Problems;
import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandler;
import java.time.Duration;
import java.util.Optional;

/**
 * Sends {@link ApiRequest}s to one Kiln with its API key, tries them again as the {@link
 * RetryPolicy} allows, and turns error answers into {@link KilnProblemException}s. Thread-safe.
 */
public final class Transport {

  private final URI base;
  private final String apiKey;
  private final HttpClient http;
  private final Duration requestTimeout;
  private final RetryPolicy retries;
  private final String userAgent;

  public Transport(
      URI base,
      String apiKey,
      HttpClient http,
      Duration requestTimeout,
      RetryPolicy retries,
      String userAgent) {
    String text = base.toString();
    this.base = URI.create(text.endsWith("/") ? text.substring(0, text.length() - 1) : text);
    this.apiKey = apiKey;
    this.http = http;
    this.requestTimeout = requestTimeout;
    this.retries = retries;
    this.userAgent = userAgent;
  }

  public URI base() {
    return base;
  }

  public HttpClient http() {
    return http;
  }

  /** Sends the request and reads its answer's body as {@code type}. */
  public <T> T json(ApiRequest request, Class<T> type) {
    return Json.read(send(request).body(), type);
  }

  /** Sends the request; answers the 2xx response, else throws what the problem says. */
  public HttpResponse<byte[]> send(ApiRequest request) {
    HttpResponse<byte[]> response =
        exchange(request, HttpResponse.BodyHandlers.ofByteArray(), requestTimeout);
    if (response.statusCode() >= 400) {
      throw problem(response, response.body());
    }
    return response;
  }

  /**
   * Opens a streamed answer (a live event stream): the 2xx response with its unread body, else
   * throws what the problem says. {@code headersTimeout} bounds the wait for the headers only; the
   * body is read through {@code body}; the caller closes it.
   */
  public HttpResponse<InputStream> open(
      ApiRequest request, Duration headersTimeout, BodyHandler<InputStream> body) {
    HttpResponse<InputStream> response = exchange(request, body, headersTimeout);
    if (response.statusCode() >= 400) {
      byte[] problem;
      try (InputStream in = response.body()) {
        problem = in.readNBytes(64 * 1024);
      } catch (IOException e) {
        problem = new byte[0];
      }
      throw problem(response, problem);
    }
    return response;
  }

  /** GETs an absolute URL without the API key (a pre-signed result URL) into {@code handler}. */
  public <T> HttpResponse<T> download(URI url, BodyHandler<T> handler) {
    HttpRequest request = HttpRequest.newBuilder(url).GET().header("User-Agent", userAgent).build();
    for (int retry = 1; ; retry++) {
      try {
        HttpResponse<T> response = http.send(request, handler);
        if (response.statusCode() / 100 != 2) {
          throw new KilnException(
              "Download of " + url.getPath() + " answered HTTP " + response.statusCode());
        }
        return response;
      } catch (IOException e) {
        Optional<Duration> wait = retries.afterFailure(retry);
        if (wait.isEmpty()) {
          throw new KilnConnectionException(
              "Download from " + url.getHost() + " failed: " + describe(e), e);
        }
        sleep(wait.get());
      } catch (InterruptedException e) {
        throw interrupted(e);
      }
    }
  }

  private <T> HttpResponse<T> exchange(
      ApiRequest request, BodyHandler<T> handler, Duration timeout) {
    for (int retry = 1; ; retry++) {
      HttpResponse<T> response;
      try {
        response = http.send(build(request, timeout), handler);
      } catch (IOException e) {
        boolean nothingSent =
            e instanceof ConnectException || e instanceof HttpConnectTimeoutException;
        Optional<Duration> wait =
            nothingSent || request.isRetrySafe() ? retries.afterFailure(retry) : Optional.empty();
        if (wait.isEmpty()) {
          throw new KilnConnectionException(request + " to " + base + " failed: " + describe(e), e);
        }
        sleep(wait.get());
        continue;
      } catch (InterruptedException e) {
        throw interrupted(e);
      }
      if (RetryPolicy.retriedStatus(response.statusCode())) {
        Optional<Duration> wait =
            retries.afterStatus(retry, RetryPolicy.parseRetryAfter(retryAfter(response)));
        if (wait.isPresent()) {
          discard(response);
          sleep(wait.get());
          continue;
        }
      }
      return response;
    }
  }

  private HttpRequest build(ApiRequest request, Duration timeout) {
    HttpRequest.Builder builder =
        HttpRequest.newBuilder(URI.create(base + request.path()))
            .method(request.method(), request.body())
            .header("Authorization", "Bearer " + apiKey)
            .header("User-Agent", userAgent);
    if (timeout != null) {
      builder.timeout(timeout);
    }
    if (!request.headers().containsKey("Accept")) {
      builder.header("Accept", "application/json");
    }
    request.headers().forEach(builder::header);
    return builder.build();
  }

  private static KilnProblemException problem(HttpResponse<?> response, byte[] body) {
    return Problems.from(
        response.statusCode(),
        response.headers().firstValue("Content-Type").orElse(null),
        body,
        RetryPolicy.parseRetryAfter(retryAfter(response)));
  }

  private static String retryAfter(HttpResponse<?> response) {
    return response.headers().firstValue("Retry-After").orElse(null);
  }

  private static void discard(HttpResponse<?> response) {
    if (response.body() instanceof InputStream) {
      try {
        ((InputStream) response.body()).close();
      } catch (IOException e) {
        // Closing a body we do not read: nothing to do.
      }
    }
  }

  static void sleep(Duration wait) {
    try {
      Thread.sleep(wait.toMillis());
    } catch (InterruptedException e) {
      throw interrupted(e);
    }
  }

  private static KilnException interrupted(InterruptedException e) {
    Thread.currentThread().interrupt();
    return new KilnException("Interrupted while talking to Kiln", e);
  }

  private static String describe(IOException e) {
    if (e instanceof HttpConnectTimeoutException) {
      return "no connection within the connect timeout";
    }
    if (e instanceof ConnectException) {
      return "connection refused";
    }
    return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
  }
}
