package dev.kiln.api.problems;

import static dev.kiln.api.support.Api.asTenant;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import dev.kiln.api.support.Api;
import dev.kiln.infra.KilnTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Inputs that once reached the database raw: each gets its own 4xx, and harms no other request. */
@QuarkusTest
@QuarkusTestResource(value = KilnTestResource.class, restrictToAnnotatedClass = false)
class HostileInputTest {

  @ParameterizedTest
  @ValueSource(
      strings = {
        "/v1/jobs/job_%00x",
        "/v1/jobs/job_%00x/events",
        "/v1/jobs/job_%00x/deliveries",
        "/v1/media/med_%00x",
        "/v1/webhook-endpoints/whe_%00x",
        "/v1/webhook-endpoints/whe_%00x/deliveries",
        "/v1/webhook-deliveries/whd_%01x"
      })
  void aControlCharacterInAPathIsNotFound(String path) {
    asTenant()
        .urlEncodingEnabled(false)
        .get(path)
        .then()
        .statusCode(404)
        .contentType("application/problem+json")
        .body("code", equalTo("not_found"));
  }

  @Test
  void aControlCharacterInAPathToPostToIsNotFound() {
    asTenant()
        .urlEncodingEnabled(false)
        .post("/v1/jobs/job_%00x/cancel")
        .then()
        .statusCode(404)
        .body("code", equalTo("not_found"));
  }

  @Test
  void anIdempotencyKeyIsBoundedAndPrintable() {
    String media = Api.uploadPng(8, 8);
    for (String key : List.of("k".repeat(10_000), "tab\tkey")) {
      asTenant()
          .contentType(ContentType.JSON)
          .header("Idempotency-Key", key)
          .body("{\"input\": {\"media_id\": \"" + media + "\"}, \"preset\": \"avatar\"}")
          .post("/v1/jobs")
          .then()
          .statusCode(422)
          .body("code", equalTo("validation_failed"))
          .body("errors[0].field", equalTo("Idempotency-Key"));
    }
  }

  @Test
  void aNulInAMediaIdFailsOnlyItsOwnSubmit() throws Exception {
    String media = Api.uploadPng(8, 8);
    List<Callable<Response>> submits = new ArrayList<>();
    for (int i = 0; i < 40; i++) {
      String input = i % 5 == 0 ? "med_\\u0000" + i : media;
      submits.add(
          () ->
              asTenant()
                  .contentType(ContentType.JSON)
                  .body("{\"input\": {\"media_id\": \"" + input + "\"}, \"preset\": \"avatar\"}")
                  .post("/v1/jobs"));
    }
    ExecutorService clients = Executors.newFixedThreadPool(16);
    List<Integer> statuses = new ArrayList<>();
    try {
      for (Future<Response> response : clients.invokeAll(submits)) {
        statuses.add(response.get().statusCode());
      }
    } finally {
      clients.shutdownNow();
    }
    for (int i = 0; i < statuses.size(); i++) {
      assertThat(statuses.get(i)).as("submit %d", i).isEqualTo(i % 5 == 0 ? 422 : 202);
    }
  }
}
