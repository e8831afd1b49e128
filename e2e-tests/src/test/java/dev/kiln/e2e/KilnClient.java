package dev.kiln.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.util.Map;

/** A minimal client of Kiln's HTTP API, as an app developer would write one. */
final class KilnClient {

  private static final ObjectMapper JSON = new ObjectMapper();

  private final HttpClient http = HttpClient.newHttpClient();
  private final URI base;
  private final String key;

  KilnClient(URI base, String key) {
    this.base = base;
    this.key = key;
  }

  /** A response's status and JSON body. */
  record Reply(int status, JsonNode body) {}

  Reply upload(byte[] image, String contentType) {
    return send(
        request("/v1/media")
            .header("Content-Type", contentType)
            .POST(BodyPublishers.ofByteArray(image)));
  }

  Reply submit(String json) {
    return post("/v1/jobs", json);
  }

  Reply post(String path, String json) {
    return post(path, json, Map.of());
  }

  /** A POST with extra headers (such as a client's {@code traceparent}). */
  Reply post(String path, String json, Map<String, String> headers) {
    HttpRequest.Builder request =
        request(path)
            .header("Content-Type", "application/json")
            .POST(BodyPublishers.ofString(json));
    headers.forEach(request::header);
    return send(request);
  }

  Reply get(String path) {
    return send(request(path).GET());
  }

  Reply delete(String path) {
    return send(request(path).DELETE());
  }

  Reply job(String id) {
    return send(request("/v1/jobs/" + id).GET());
  }

  /** A non-JSON document of the API, such as {@code /q/metrics}; fails unless it answers 200. */
  /** The body of an unauthenticated GET that must answer 200 (such as /q/metrics). */
  String text(String path) {
    return text(HttpRequest.newBuilder(base.resolve(path)));
  }

  /**
   * A job's whole event stream as text: the stream ends after the job's terminal event, so this
   * returns once the job has ended.
   */
  String events(String jobId) {
    return text(request("/v1/jobs/" + jobId + "/events"));
  }

  private String text(HttpRequest.Builder request) {
    String path = request.build().uri().getPath();
    try {
      HttpResponse<String> response = http.send(request.build(), BodyHandlers.ofString());
      if (response.statusCode() != 200) {
        throw new IllegalStateException(path + " answered " + response.statusCode());
      }
      return response.body();
    } catch (IOException e) {
      throw new IllegalStateException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  byte[] download(String url) {
    try {
      HttpResponse<byte[]> response =
          http.send(HttpRequest.newBuilder(URI.create(url)).build(), BodyHandlers.ofByteArray());
      if (response.statusCode() != 200) {
        throw new IllegalStateException("download answered " + response.statusCode());
      }
      return response.body();
    } catch (IOException e) {
      throw new IllegalStateException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private HttpRequest.Builder request(String path) {
    return HttpRequest.newBuilder(base.resolve(path)).header("Authorization", "Bearer " + key);
  }

  private Reply send(HttpRequest.Builder request) {
    try {
      HttpResponse<String> response = http.send(request.build(), BodyHandlers.ofString());
      return new Reply(response.statusCode(), JSON.readTree(response.body()));
    } catch (IOException e) {
      throw new IllegalStateException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
