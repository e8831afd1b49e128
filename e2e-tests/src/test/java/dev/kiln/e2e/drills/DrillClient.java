package dev.kiln.e2e.drills;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.time.Duration;

/**
 * Kiln's HTTP API as a client sees it in a fault: every call has a timeout, and a call that gets no
 * answer at all (refused, reset, timed out) is an {@link Answer} with status 0 instead of an
 * exception, so that a drill can count it.
 */
final class DrillClient {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final HttpClient HTTP =
      HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .connectTimeout(Duration.ofSeconds(2))
          .build();

  private final URI base;
  private final String key;
  private final Duration timeout;

  /**
   * @param key sent as {@code Authorization: Bearer}
   * @param timeout the longest wait for one answer
   */
  DrillClient(URI base, String key, Duration timeout) {
    this.base = base;
    this.key = key;
    this.timeout = timeout;
  }

  /** An answer: its status (0 when none came), its JSON body and, without one, why. */
  record Answer(int status, JsonNode body, String failure) {

    boolean is(int expected) {
      return status == expected;
    }

    /** The problem {@code code}, or empty. */
    String code() {
      return body.path("code").asText();
    }

    /** "503 service_unavailable", "no answer (connection refused)": what a drill reports. */
    String describe() {
      if (status == 0) {
        return "no answer (" + failure + ")";
      }
      String code = code();
      return code.isEmpty() ? Integer.toString(status) : status + " " + code;
    }
  }

  Answer get(String path) {
    return send(request(path).GET());
  }

  Answer post(String path, String json) {
    return send(
        request(path)
            .header("Content-Type", "application/json")
            .POST(BodyPublishers.ofString(json)));
  }

  Answer patch(String path, String json) {
    return send(
        request(path)
            .header("Content-Type", "application/json")
            .method("PATCH", BodyPublishers.ofString(json)));
  }

  Answer upload(byte[] image, String contentType) {
    return send(
        request("/v1/media")
            .header("Content-Type", contentType)
            .POST(BodyPublishers.ofByteArray(image)));
  }

  URI base() {
    return base;
  }

  String key() {
    return key;
  }

  private HttpRequest.Builder request(String path) {
    return HttpRequest.newBuilder(base.resolve(path))
        .timeout(timeout)
        .header("Authorization", "Bearer " + key);
  }

  private Answer send(HttpRequest.Builder request) {
    try {
      HttpResponse<String> response = HTTP.send(request.build(), BodyHandlers.ofString());
      return new Answer(response.statusCode(), parse(response.body()), null);
    } catch (IOException e) {
      String why = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
      return new Answer(0, MissingNode.getInstance(), why);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
  }

  private static JsonNode parse(String body) {
    if (body == null || body.isBlank()) {
      return MissingNode.getInstance();
    }
    try {
      return JSON.readTree(body);
    } catch (IOException e) {
      return MissingNode.getInstance(); // not JSON: the status tells enough
    }
  }
}
