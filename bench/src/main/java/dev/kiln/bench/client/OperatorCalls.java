package dev.kiln.bench.client;

import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/**
 * The few admin API calls a workload needs to set up accounts of its own: a tenant and a key. The
 * operator key comes from {@code KILN_ADMIN_KEY} or the local run's {@code admin-key} file.
 */
public final class OperatorCalls {

  private final URI base;
  private final String operatorKey;
  private final HttpClient http = HttpClient.newHttpClient();

  private OperatorCalls(URI base, String operatorKey) {
    this.base = base;
    this.operatorKey = operatorKey;
  }

  /**
   * @throws IllegalArgumentException when no operator key is found
   */
  public static OperatorCalls of(URI base, Path dataDir) {
    String fromEnv = System.getenv("KILN_ADMIN_KEY");
    if (fromEnv != null && !fromEnv.isBlank()) {
      return new OperatorCalls(base, fromEnv.strip());
    }
    Path file = dataDir.resolve("admin-key");
    try {
      return new OperatorCalls(base, Files.readString(file).strip());
    } catch (IOException e) {
      throw new IllegalArgumentException(
          "No operator key: give KILN_ADMIN_KEY, or start Kiln with ./kiln run (it writes "
              + file
              + ")");
    }
  }

  /**
   * Creates a tenant without a request rate limit (a benchmark measures Kiln, not its throttle)
   * with one API key; answers the key.
   */
  public String newAccount(String name) throws IOException, InterruptedException {
    String tenant =
        send("POST", "/v1/admin/tenants", new JsonObject().put("name", name), 201).getString("id");
    send(
        "PATCH",
        "/v1/admin/tenants/" + tenant + "/limits",
        new JsonObject().put("rate_limit_per_second", 0),
        200);
    return send(
            "POST",
            "/v1/admin/tenants/" + tenant + "/keys",
            new JsonObject().put("name", name),
            201)
        .getString("key");
  }

  private JsonObject send(String method, String path, JsonObject body, int expected)
      throws IOException, InterruptedException {
    HttpResponse<String> response =
        http.send(
            HttpRequest.newBuilder(base.resolve(path))
                .timeout(Duration.ofSeconds(30))
                .header("Authorization", "Bearer " + operatorKey)
                .header("Content-Type", "application/json")
                .method(method, HttpRequest.BodyPublishers.ofString(body.encode()))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    if (response.statusCode() != expected) {
      throw new IllegalStateException(
          method + " " + path + " answered " + response.statusCode() + ": " + response.body());
    }
    return new JsonObject(response.body());
  }
}
