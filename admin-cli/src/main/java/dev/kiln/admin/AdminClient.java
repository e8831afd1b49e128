package dev.kiln.admin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;

/** Calls Kiln's admin API with the operator key; answers the JSON, or throws what went wrong. */
final class AdminClient {

  private static final Duration TIMEOUT = Duration.ofSeconds(30);
  static final ObjectMapper JSON = new ObjectMapper();

  private final URI base;
  private final String operatorKey;
  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

  AdminClient(URI base, String operatorKey) {
    this.base = base;
    this.operatorKey = operatorKey;
  }

  JsonNode get(String path) {
    return send("GET", path, null);
  }

  JsonNode post(String path, Object body) {
    return send("POST", path, body);
  }

  JsonNode patch(String path, Object body) {
    return send("PATCH", path, body);
  }

  JsonNode delete(String path) {
    return send("DELETE", path, null);
  }

  private JsonNode send(String method, String path, Object body) {
    URI uri = base.resolve(base.getPath().replaceAll("/+$", "") + path);
    HttpRequest.Builder request =
        HttpRequest.newBuilder(uri)
            .timeout(TIMEOUT)
            .header("Authorization", "Bearer " + operatorKey)
            .header("Accept", "application/json");
    try {
      if (body == null) {
        request.method(method, HttpRequest.BodyPublishers.noBody());
      } else {
        request
            .header("Content-Type", "application/json")
            .method(method, HttpRequest.BodyPublishers.ofByteArray(JSON.writeValueAsBytes(body)));
      }
      HttpResponse<String> response =
          http.send(request.build(), HttpResponse.BodyHandlers.ofString());
      JsonNode json =
          response.body().isBlank() ? JSON.createObjectNode() : JSON.readTree(response.body());
      if (response.statusCode() >= 400) {
        throw new AdminApiException(response.statusCode(), json);
      }
      return json;
    } catch (ConnectException | HttpTimeoutException e) {
      throw new UnreachableException(base, e);
    } catch (IOException e) {
      throw new UnreachableException(base, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new UnreachableException(base, e);
    }
  }

  /** The API answered with a problem. */
  static final class AdminApiException extends RuntimeException {
    final int status;
    final JsonNode problem;

    AdminApiException(int status, JsonNode problem) {
      super(problem.path("detail").asText("HTTP " + status), null, false, false);
      this.status = status;
      this.problem = problem;
    }

    String code() {
      return problem.path("code").asText("http_" + status);
    }
  }

  /** The API could not be reached or did not answer. */
  static final class UnreachableException extends RuntimeException {
    UnreachableException(URI base, Exception cause) {
      super(
          "Kiln at "
              + base
              + " did not answer ("
              + (cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage())
              + ")",
          cause);
    }
  }
}
