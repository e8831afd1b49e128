package dev.kiln.api.jobs;

import static dev.kiln.api.support.Api.asTenant;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

import dev.kiln.api.support.Api;
import dev.kiln.api.support.TestKafka;
import dev.kiln.infra.KilnTestResource;
import dev.kiln.model.jobs.JobCommand;
import dev.kiln.model.json.JsonCodec;
import dev.kiln.model.kafka.Topics;
import dev.kiln.model.pipeline.EncodeStep;
import dev.kiln.model.pipeline.OutputFormat;
import dev.kiln.model.pipeline.ResizeStep;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

@QuarkusTest
@QuarkusTestResource(value = KilnTestResource.class, restrictToAnnotatedClass = false)
class JobSubmitTest {

  @Test
  void acceptsAJobAndPublishesItsCommand() {
    String mediaId = Api.uploadPng(64, 64);

    String id =
        asTenant()
            .contentType(ContentType.JSON)
            .body(
                """
                {"input": {"media_id": "%s"},
                 "pipeline": [{"op": "resize", "width": 32, "height": 32},
                              {"op": "encode", "format": "webp", "quality": 70}],
                 "metadata": {"order": 42}}"""
                    .formatted(mediaId))
            .post("/v1/jobs")
            .then()
            .statusCode(202)
            .header("Location", org.hamcrest.Matchers.containsString("/v1/jobs/job_"))
            .body("object", equalTo("job"))
            .body("status", equalTo("queued"))
            .body("attempt", equalTo(1))
            .body("created_at", notNullValue())
            .body("started_at", nullValue())
            .body("result", nullValue())
            .body("progress.percentage", equalTo(0))
            .body("metadata.order", equalTo(42))
            .body("links.events", endsWith("/events"))
            .extract()
            .path("id");

    JobCommand command = TestKafka.awaitCommand(id);
    assertThat(command.jobId()).isEqualTo(id);
    assertThat(command.attempt()).isEqualTo(1);
    assertThat(command.input().mediaId()).isEqualTo(mediaId);
    assertThat(command.inputKey()).endsWith("/media/" + mediaId);
    assertThat(command.pipeline())
        .containsExactly(
            new ResizeStep(32, 32, null, null), new EncodeStep(OutputFormat.WEBP, 70, false, null));
    asTenant().get("/v1/jobs/" + id).then().statusCode(200).body("id", equalTo(id));
  }

  @Test
  void answersWithTheLocationOfTheJob() {
    String id = Api.submitResize(Api.uploadPng(16, 16), 8, 8);

    asTenant().get("/v1/jobs/" + id).then().statusCode(200).body("status", equalTo("queued"));
  }

  @Test
  void expandsPresetsAndAppendsTheDefaultEncode() {
    String mediaId = Api.uploadPng(16, 16);

    String id =
        asTenant()
            .contentType(ContentType.JSON)
            .body(
                "{\"input\": {\"media_id\": \"%s\"}, \"preset\": \"thumbnail\"}".formatted(mediaId))
            .post("/v1/jobs")
            .then()
            .statusCode(202)
            .body("preset", equalTo("thumbnail"))
            .extract()
            .path("id");

    JobCommand command = TestKafka.awaitCommand(id);
    assertThat(command.pipeline().getLast()).isInstanceOf(EncodeStep.class);
  }

  @Test
  void anIdempotencyKeyReturnsTheSameJob() {
    String mediaId = Api.uploadPng(16, 16);
    String body =
        "{\"input\": {\"media_id\": \"%s\"}, \"pipeline\": [{\"op\": \"resize\", \"width\": 8}]}"
            .formatted(mediaId);

    String first =
        asTenant()
            .header("Idempotency-Key", "order-" + mediaId)
            .contentType(ContentType.JSON)
            .body(body)
            .post("/v1/jobs")
            .then()
            .statusCode(202)
            .extract()
            .path("id");
    String second =
        asTenant()
            .header("Idempotency-Key", "order-" + mediaId)
            .contentType(ContentType.JSON)
            .body(body)
            .post("/v1/jobs")
            .then()
            .statusCode(202)
            .extract()
            .path("id");

    assertThat(second).isEqualTo(first);
  }

  @Test
  void reportsEveryInvalidArgumentWithItsField() {
    asTenant()
        .contentType(ContentType.JSON)
        .body(
            """
            {"input": {"media_id": "med_x", "url": "https://example.com/a.png"},
             "pipeline": [{"op": "resize", "width": 0, "fit": "cover"},
                          {"op": "encode", "format": "png", "quality": 101}],
             "priority": "urgent"}""")
        .post("/v1/jobs")
        .then()
        .statusCode(422)
        .contentType("application/problem+json")
        .body("code", equalTo("validation_failed"))
        .body(
            "errors.field",
            containsInAnyOrder(
                "input",
                "pipeline[0].width",
                "pipeline[0].fit",
                "pipeline[1].quality",
                "pipeline[1].quality",
                "priority"));
  }

  @Test
  void unknownOpsAndFieldsAreNamed() {
    asTenant()
        .contentType(ContentType.JSON)
        .body("{\"input\": {\"media_id\": \"med_x\"}, \"pipeline\": [{\"op\": \"explode\"}]}")
        .post("/v1/jobs")
        .then()
        .statusCode(422)
        .body("code", equalTo("validation_failed"))
        .body("errors.field", contains("pipeline[0]"))
        .body("errors[0].message", equalTo("unknown op 'explode'"));
    asTenant()
        .contentType(ContentType.JSON)
        .body(
            "{\"input\": {\"media_id\": \"med_x\"}, \"pipeline\": [{\"op\": \"resize\", \"widht\": 5}]}")
        .post("/v1/jobs")
        .then()
        .statusCode(422)
        .body("errors[0].field", equalTo("pipeline[0].widht"))
        .body("errors[0].message", equalTo("unknown field 'widht'"));
    asTenant()
        .contentType(ContentType.JSON)
        .body(
            "{\"input\": {\"media_id\": \"med_x\"}, \"pipeline\": [{\"op\": \"resize\", \"width\": \"big\"}]}")
        .post("/v1/jobs")
        .then()
        .statusCode(422)
        .body("errors[0].field", equalTo("pipeline[0].width"));
  }

  @Test
  void malformedJsonIsABadRequest() {
    asTenant()
        .contentType(ContentType.JSON)
        .body("{\"input\": ")
        .post("/v1/jobs")
        .then()
        .statusCode(400)
        .body("code", equalTo("malformed_json"));
  }

  @Test
  void anotherTenantsOrMissingMediaIsRejected() {
    asTenant()
        .contentType(ContentType.JSON)
        .body("{\"input\": {\"media_id\": \"med_missing\"}, \"preset\": \"avatar\"}")
        .post("/v1/jobs")
        .then()
        .statusCode(422)
        .body("code", equalTo("media_not_found"))
        .body("errors[0].field", equalTo("input.media_id"));
  }

  @Test
  void concurrentSubmitsAreWrittenTogetherAndAMissingMediaFailsOnlyItsOwnSubmit() throws Exception {
    String media = Api.uploadPng(16, 16);
    List<Callable<Response>> submits = new ArrayList<>();
    for (int i = 0; i < 48; i++) {
      String input = i % 4 == 0 ? "med_missing_" + i : media;
      submits.add(
          () ->
              asTenant()
                  .contentType(ContentType.JSON)
                  .body(
                      "{\"input\": {\"media_id\": \"%s\"}, \"preset\": \"avatar\"}"
                          .formatted(input))
                  .post("/v1/jobs"));
    }
    ExecutorService clients = Executors.newFixedThreadPool(16);
    List<Response> responses = new ArrayList<>();
    try {
      for (Future<Response> response : clients.invokeAll(submits)) {
        responses.add(response.get());
      }
    } finally {
      clients.shutdown();
    }

    Set<String> accepted = new HashSet<>();
    for (int i = 0; i < responses.size(); i++) {
      Response response = responses.get(i);
      if (i % 4 == 0) {
        assertThat(response.statusCode()).isEqualTo(422);
        assertThat(response.jsonPath().getString("code")).isEqualTo("media_not_found");
      } else {
        assertThat(response.statusCode()).isEqualTo(202);
        accepted.add(response.jsonPath().getString("id"));
      }
    }
    assertThat(accepted).hasSize(36);
    asTenant()
        .get("/v1/jobs?ids=" + String.join(",", accepted))
        .then()
        .statusCode(200)
        .body("data", hasSize(36));
    var records =
        TestKafka.awaitRecords(
            Topics.JOBS, r -> accepted.contains(r.key()), 36, Duration.ofSeconds(30));
    assertThat(records).hasSize(36);
    for (var record : records) {
      JobCommand command = JsonCodec.of(JobCommand.class).decode(record.value());
      assertThat(command.inputKey()).endsWith("/media/" + media);
    }
  }

  @Test
  void batchStatusListsTheTenantsJobsInRequestOrder() {
    String media = Api.uploadPng(16, 16);
    String a = Api.submitResize(media, 8, 8);
    String b = Api.submitResize(media, 4, 4);

    asTenant()
        .get("/v1/jobs?ids=" + b + ",job_unknown," + a)
        .then()
        .statusCode(200)
        .body("data", hasSize(2))
        .body("data.id", contains(b, a));
  }
}
