package dev.kiln.client.http;

import java.net.http.HttpRequest.BodyPublisher;
import java.net.http.HttpRequest.BodyPublishers;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Supplier;

/**
 * One call of the API: method, path with its query, body, and whether it may be sent again after a
 * connection failure ({@link #isRetrySafe()}: reads, deletes, and writes that carry an {@code
 * Idempotency-Key} or are idempotent by definition).
 */
public final class ApiRequest {

  private final String method;
  private final String path;
  private final Supplier<BodyPublisher> body;
  private final Map<String, String> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
  private boolean retrySafe;

  private ApiRequest(String method, String path, Supplier<BodyPublisher> body, boolean retrySafe) {
    this.method = method;
    this.path = path;
    this.body = body;
    this.retrySafe = retrySafe;
  }

  public static ApiRequest get(String path) {
    return new ApiRequest("GET", path, BodyPublishers::noBody, true);
  }

  public static ApiRequest delete(String path) {
    return new ApiRequest("DELETE", path, BodyPublishers::noBody, true);
  }

  /** A POST without a body. */
  public static ApiRequest post(String path) {
    return new ApiRequest("POST", path, BodyPublishers::noBody, false);
  }

  /** A POST of a JSON body. */
  public static ApiRequest post(String path, Object json) {
    return withJson("POST", path, json);
  }

  /** A PATCH of a JSON body: it sets the members it names, so it may be sent twice. */
  public static ApiRequest patch(String path, Object json) {
    return withJson("PATCH", path, json).idempotent();
  }

  /** A POST of raw bytes made by {@code body} (once per attempt) with this content type. */
  public static ApiRequest post(String path, String contentType, Supplier<BodyPublisher> body) {
    return new ApiRequest("POST", path, body, false).header("Content-Type", contentType);
  }

  private static ApiRequest withJson(String method, String path, Object json) {
    byte[] bytes = Json.write(json);
    return new ApiRequest(method, path, () -> BodyPublishers.ofByteArray(bytes), false)
        .header("Content-Type", "application/json");
  }

  /** Sends {@code Idempotency-Key}: Kiln then answers a repeat with the first result. */
  public ApiRequest idempotencyKey(String key) {
    return header("Idempotency-Key", key).idempotent();
  }

  /** Marks the call as idempotent: safe to send again after a connection failure. */
  public ApiRequest idempotent() {
    retrySafe = true;
    return this;
  }

  public ApiRequest header(String name, String value) {
    headers.put(name, value);
    return this;
  }

  public String method() {
    return method;
  }

  public String path() {
    return path;
  }

  public BodyPublisher body() {
    return body.get();
  }

  public Map<String, String> headers() {
    return headers;
  }

  public boolean isRetrySafe() {
    return retrySafe;
  }

  @Override
  public String toString() {
    return method + " " + path;
  }
}
