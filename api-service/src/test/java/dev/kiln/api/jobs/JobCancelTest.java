package dev.kiln.api.jobs;

import static dev.kiln.api.support.Api.asTenant;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import dev.kiln.api.support.Api;
import dev.kiln.api.support.TestKafka;
import dev.kiln.infra.KilnTestResource;
import dev.kiln.model.jobs.CancelJob;
import dev.kiln.model.jobs.JobError;
import dev.kiln.model.jobs.JobErrorCode;
import dev.kiln.model.jobs.JobEvent;
import dev.kiln.model.jobs.JobEventType;
import dev.kiln.model.json.JsonCodec;
import dev.kiln.model.kafka.Topics;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

@QuarkusTest
@QuarkusTestResource(value = KilnTestResource.class, restrictToAnnotatedClass = false)
class JobCancelTest {

  @Test
  void cancellingAQueuedJobIsFinalIdempotentAndToldToWorkers() {
    String id = Api.submitResize(Api.uploadPng(16, 16), 8, 8);

    asTenant()
        .post("/v1/jobs/" + id + "/cancel")
        .then()
        .statusCode(200)
        .body("status", equalTo("cancelled"));
    asTenant()
        .post("/v1/jobs/" + id + "/cancel")
        .then()
        .statusCode(200)
        .body("status", equalTo("cancelled"));

    var records =
        TestKafka.awaitRecords(
            Topics.JOB_CONTROL, r -> id.equals(r.key()), 1, Duration.ofSeconds(20));
    assertThat(JsonCodec.of(CancelJob.class).decode(records.getFirst().value()).jobId())
        .isEqualTo(id);
  }

  @Test
  void aFinishedJobCannotBeCancelled() {
    String id = Api.submitResize(Api.uploadPng(16, 16), 8, 8);
    String tenant = asTenant().get("/v1/account").then().extract().path("id");
    JobEvent failed =
        new JobEvent(
            JobEvent.VERSION,
            id,
            tenant,
            1,
            1,
            JobEventType.FAILED,
            Instant.now(),
            null,
            null,
            JobError.of(JobErrorCode.INVALID_IMAGE, "not an image"),
            "test-worker");
    TestKafka.send(Topics.JOB_EVENTS, id, JsonCodec.of(JobEvent.class).encode(failed));
    await()
        .atMost(Duration.ofSeconds(20))
        .untilAsserted(
            () -> asTenant().get("/v1/jobs/" + id).then().body("status", equalTo("failed")));

    asTenant()
        .post("/v1/jobs/" + id + "/cancel")
        .then()
        .statusCode(409)
        .body("code", equalTo("job_not_cancellable"));
  }

  @Test
  void cancellingAnUnknownJobIsNotFound() {
    asTenant()
        .post("/v1/jobs/job_nope/cancel")
        .then()
        .statusCode(404)
        .body("code", equalTo("not_found"));
  }
}
