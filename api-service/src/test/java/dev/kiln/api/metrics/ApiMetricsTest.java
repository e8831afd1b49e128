package dev.kiln.api.metrics;

import static dev.kiln.api.support.Api.asTenant;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.kiln.api.support.Api;
import dev.kiln.api.support.WorkerEvents;
import dev.kiln.infra.KilnTestResource;
import dev.kiln.model.jobs.JobError;
import dev.kiln.model.jobs.JobErrorCode;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The API's own meters on {@code /q/metrics} move with a job's life: submitted, started (queue
 * wait), finished (processing time), with the queue, outbox, fleet, storage and stream gauges
 * beside them. The names are those of docs/operations.md, which the dashboards and alerts use.
 */
@QuarkusTest
@QuarkusTestResource(value = KilnTestResource.class, restrictToAnnotatedClass = false)
class ApiMetricsTest {

  @Test
  void aJobMovesTheJobMetersAndTheGaugesAreExposed() {
    double submitted = value("kiln_jobs_submitted_total", "preset=\"custom\"");
    double failed = value("kiln_jobs_finished_total", "preset=\"custom\",status=\"failed\"");
    double waits = value("kiln_jobs_queue_wait_seconds_count", "lane=\"normal\"");
    double processed = value("kiln_jobs_processing_seconds_count", "preset=\"custom\"");
    double storagePuts = value("kiln_storage_requests_total", "operation=\"put\",outcome=\"ok\"");

    String jobId = Api.submitResize(Api.uploadPng(16, 16), 8, 8);
    WorkerEvents worker = new WorkerEvents(jobId, tenantId());
    worker.started();
    worker.failed(JobError.of(JobErrorCode.INVALID_IMAGE, "not an image"));

    await()
        .atMost(Duration.ofSeconds(30))
        .untilAsserted(
            () -> {
              assertThat(value("kiln_jobs_submitted_total", "preset=\"custom\""))
                  .isEqualTo(submitted + 1);
              assertThat(value("kiln_storage_requests_total", "operation=\"put\",outcome=\"ok\""))
                  .as("the upload's put")
                  .isGreaterThan(storagePuts);
              assertThat(value("kiln_jobs_queue_wait_seconds_count", "lane=\"normal\""))
                  .isEqualTo(waits + 1);
              assertThat(value("kiln_jobs_finished_total", "preset=\"custom\",status=\"failed\""))
                  .isEqualTo(failed + 1);
              assertThat(value("kiln_jobs_processing_seconds_count", "preset=\"custom\""))
                  .isEqualTo(processed + 1);
            });
    String metrics = metrics();
    assertThat(metrics)
        .contains("kiln_jobs_queue_wait_seconds_bucket{lane=\"normal\"")
        .contains("kiln_jobs_queued{lane=\"high\"}")
        .contains("kiln_jobs_queued{lane=\"dispatched\"}")
        .contains("kiln_outbox_backlog ")
        .contains("kiln_outbox_oldest_age_seconds ")
        .contains("kiln_workers_consuming ")
        .contains("kiln_jobs_lag_records ")
        .contains("kiln_events_lag_records ")
        .contains("kiln_live_streams{transport=\"sse\"}")
        .contains("kiln_live_streams{transport=\"websocket\"}")
        .contains("kiln_webhook_attempts_total");
  }

  @Test
  void theAccountTellsWhetherWorkersAreTakingJobs() {
    // No worker runs in this test: once Kafka has been asked, the state says so.
    await()
        .atMost(Duration.ofSeconds(30))
        .untilAsserted(
            () ->
                assertThat(
                        asTenant()
                            .get("/v1/account")
                            .then()
                            .extract()
                            .<String>path("workers.state"))
                    .isEqualTo("no_workers"));
    asTenant()
        .get("/v1/account")
        .then()
        .statusCode(200)
        .body("workers.consuming", org.hamcrest.Matchers.equalTo(0))
        .body("workers.checked_at", org.hamcrest.Matchers.notNullValue());
  }

  private static String tenantId() {
    return asTenant().get("/v1/account").then().statusCode(200).extract().path("id");
  }

  private static String metrics() {
    return given().get("/q/metrics").then().statusCode(200).extract().asString();
  }

  /** A sample's value, 0 when absent; {@code labels} is the exact label list, in order. */
  private static double value(String name, String labels) {
    Matcher m =
        Pattern.compile(
                "^" + Pattern.quote(name + "{" + labels) + "[^}]*\\} ([0-9.eE+-]+)$",
                Pattern.MULTILINE)
            .matcher(metrics());
    double sum = 0;
    while (m.find()) {
      sum += Double.parseDouble(m.group(1));
    }
    return sum;
  }
}
