package dev.kiln.api.problems;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kiln.api.support.Api;
import dev.kiln.api.support.RawHttp;
import dev.kiln.api.support.Tenants;
import dev.kiln.api.support.TestImages;
import dev.kiln.infra.KilnTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.config.HttpClientConfig;
import io.restassured.config.LogConfig;
import io.restassured.config.RestAssuredConfig;
import io.restassured.http.ContentType;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.inject.Inject;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/**
 * One tenant's hostile requests (NULs, unreadable and deeply nested JSON, huge keys and headers,
 * uploads far past the limit), fired concurrently with another tenant's good submits: every good
 * submit is accepted, every hostile request gets its own 4xx (or 503 for an upload past the number
 * read at once), none a 500.
 */
@QuarkusTest
@QuarkusTestResource(value = KilnTestResource.class, restrictToAnnotatedClass = false)
class HostileNeighbourTest {

  private static final int GOOD = 40;

  private static final RestAssuredConfig QUIET =
      RestAssured.config().logConfig(LogConfig.logConfig().enablePrettyPrinting(false));

  /**
   * A shared test machine may be slow: a good submit fails the test by its status, not a timeout.
   */
  private static final RestAssuredConfig PATIENT =
      RestAssured.config()
          .httpClient(HttpClientConfig.httpClientConfig().setParam("http.socket.timeout", 120_000));

  @Inject Pool pool;

  @TestHTTPResource("/")
  URI server;

  @Test
  void hostileRequestsNeverHarmAnotherTenantsSubmits() throws Exception {
    String key = Tenants.anotherKey(pool);
    String media =
        Tenants.as(key)
            .contentType("image/png")
            .body(TestImages.png(8, 8))
            .post("/v1/media")
            .then()
            .statusCode(201)
            .extract()
            .path("id");
    String goodBody = "{\"input\": {\"media_id\": \"" + media + "\"}, \"preset\": \"avatar\"}";

    List<Callable<Integer>> good = new ArrayList<>();
    for (int i = 0; i < GOOD; i++) {
      good.add(
          () ->
              Tenants.as(key)
                  .config(PATIENT)
                  .contentType(ContentType.JSON)
                  .body(goodBody)
                  .post("/v1/jobs")
                  .statusCode());
    }
    List<Callable<Integer>> hostile = new ArrayList<>();
    for (int i = 0; i < 6; i++) {
      hostile.add(
          () -> submit("{\"input\": {\"media_id\": \"med_\\u0000\"}, \"preset\": \"avatar\"}"));
      hostile.add(() -> submit("{\"input\": {\"media_id\": \"" + media + "\"}, \"preset\": "));
      hostile.add(() -> submit("[".repeat(100_000)));
      hostile.add(() -> submit("{\"metadata\": {\"" + "k".repeat(500_000) + "\": 1}}"));
      hostile.add(
          () ->
              Api.asTenant()
                  .contentType(ContentType.JSON)
                  .header("Idempotency-Key", "k".repeat(12_000))
                  .body(goodBody)
                  .post("/v1/jobs")
                  .statusCode());
      hostile.add(
          () ->
              Api.asTenant()
                  .urlEncodingEnabled(false)
                  .get("/v1/media?cursor=med_%00" + "x".repeat(2000))
                  .statusCode());
      if (i < 2) {
        hostile.add(
            () ->
                RawHttp.exchange(
                        server,
                        "POST /v1/media HTTP/1.1\r\nHost: kiln\r\nAuthorization: Bearer "
                            + Api.key()
                            + "\r\nContent-Type: image/png\r\nTransfer-Encoding: chunked\r\n\r\n",
                        RawHttp.chunked(new byte[0], 30L * 1024 * 1024, (byte) 1),
                        Duration.ofSeconds(60))
                    .status());
      }
    }

    ExecutorService clients = Executors.newFixedThreadPool(24);
    List<Future<Integer>> hostileAnswers = new ArrayList<>();
    List<Future<Integer>> goodAnswers = new ArrayList<>();
    try {
      hostile.forEach(request -> hostileAnswers.add(clients.submit(request)));
      good.forEach(request -> goodAnswers.add(clients.submit(request)));
      for (int i = 0; i < goodAnswers.size(); i++) {
        assertThat(goodAnswers.get(i).get()).as("good submit %d", i).isEqualTo(202);
      }
      for (int i = 0; i < hostileAnswers.size(); i++) {
        // 4xx, or 503 for an upload past the number read at once: never a failure of the server.
        assertThat(hostileAnswers.get(i).get())
            .as("hostile request %d", i)
            .isBetween(400, 503)
            .isNotEqualTo(500);
      }
    } finally {
      clients.shutdownNow();
    }
  }

  /** Posts a hostile body, without the test client's logging (which would pretty-print it). */
  private static int submit(String body) {
    return Api.asTenant()
        .config(QUIET)
        .contentType(ContentType.JSON)
        .body(body)
        .post("/v1/jobs")
        .statusCode();
  }
}
