package dev.kiln.api.jobs;

import static dev.kiln.api.support.Api.asTenant;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import dev.kiln.api.support.Api;
import dev.kiln.api.support.TestEvents;
import dev.kiln.api.support.TestImages;
import dev.kiln.api.support.TestKafka;
import dev.kiln.infra.KilnTestResource;
import dev.kiln.model.ids.Ids;
import dev.kiln.model.jobs.JobError;
import dev.kiln.model.jobs.JobErrorCode;
import dev.kiln.model.jobs.JobEvent;
import dev.kiln.model.jobs.JobEventType;
import dev.kiln.model.jobs.JobResult;
import dev.kiln.model.jobs.Progress;
import dev.kiln.model.jobs.StorageKeys;
import dev.kiln.model.json.JsonCodec;
import dev.kiln.model.kafka.Topics;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * Plays the worker's part on the real broker to check how the API applies events: in order,
 * duplicated, out of order and from stale attempts.
 */
@QuarkusTest
@QuarkusTestResource(value = KilnTestResource.class, restrictToAnnotatedClass = false)
class JobEventApplierTest {

  private static final JsonCodec<JobEvent> EVENTS = JsonCodec.of(JobEvent.class);

  @Inject S3Client s3;
  @Inject JobEventApplier applier;

  @Test
  void aCompletedJobShowsTimingAndADownloadableResult() throws Exception {
    String jobId = Api.submitResize(Api.uploadPng(32, 32), 16, 8);
    String tenant = tenantOf(jobId);
    byte[] output = TestImages.png(16, 8);
    String key = StorageKeys.result(tenant, jobId, 1);
    s3.putObject(
        p -> p.bucket("kiln").key(key).contentType("image/png"), RequestBody.fromBytes(output));
    String resultId = Ids.media();

    send(event(jobId, tenant, 1, 1, JobEventType.STARTED, null, null));
    send(progress(jobId, tenant, 1, 2, 50, "resize"));
    awaitStatus(jobId, "processing");
    asTenant().get("/v1/jobs/" + jobId).then().body("progress.step", equalTo("resize"));
    send(
        event(
            jobId,
            tenant,
            1,
            4,
            JobEventType.COMPLETED,
            new JobResult(resultId, key, "image/png", output.length, 16, 8),
            null));
    JsonPath job = awaitStatus(jobId, "completed");

    assertThat(job.getString("result.media_id")).isEqualTo(resultId);
    assertThat(job.getInt("result.width")).isEqualTo(16);
    assertThat(job.getInt("progress.percentage")).isEqualTo(100);
    assertThat(job.getString("started_at")).isNotNull();
    assertThat(job.getDouble("total_elapsed_seconds")).isGreaterThanOrEqualTo(0);
    HttpResponse<byte[]> download =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(URI.create(job.getString("result.url"))).build(),
                HttpResponse.BodyHandlers.ofByteArray());
    assertThat(download.body()).isEqualTo(output);
    asTenant()
        .get("/v1/media/" + resultId)
        .then()
        .statusCode(200)
        .body("source_job_id", equalTo(jobId));
  }

  @Test
  void lateDuplicateAndStaleEventsNeverChangeATerminalJob() {
    String jobId = Api.submitResize(Api.uploadPng(16, 16), 8, 8);
    String tenant = tenantOf(jobId);

    send(
        event(
            jobId,
            tenant,
            1,
            3,
            JobEventType.FAILED,
            null,
            JobError.of(JobErrorCode.INVALID_IMAGE, "not an image")));
    awaitStatus(jobId, "failed");
    send(progress(jobId, tenant, 1, 2, 50, "resize")); // older seq, arrives late
    send(
        event(
            jobId,
            tenant,
            1,
            3,
            JobEventType.FAILED,
            null,
            JobError.of(JobErrorCode.INTERNAL_ERROR, "duplicate with other content")));
    send(event(jobId, tenant, 2, 1, JobEventType.STARTED, null, null)); // newer attempt, too late
    String marker = Api.submitResize(Api.uploadPng(16, 16), 8, 8);
    String markerTenant = tenantOf(marker);
    send(event(marker, markerTenant, 1, 1, JobEventType.STARTED, null, null));
    awaitStatus(marker, "processing"); // the events above were consumed before this one

    JsonPath job = JsonPath.from(asTenant().get("/v1/jobs/" + jobId).asString());
    assertThat(job.getString("status")).isEqualTo("failed");
    assertThat(job.getString("error.code")).isEqualTo("invalid_image");
    assertThat(job.getBoolean("error.retryable")).isFalse();
    assertThat(job.getInt("attempt")).isEqualTo(1);
  }

  @Test
  void eventsOfAnOlderAttemptAreDropped() {
    String jobId = Api.submitResize(Api.uploadPng(16, 16), 8, 8);
    String tenant = tenantOf(jobId);

    send(event(jobId, tenant, 2, 1, JobEventType.STARTED, null, null));
    send(progress(jobId, tenant, 2, 2, 40, "resize"));
    awaitStatus(jobId, "processing");
    send(
        event(
            jobId,
            tenant,
            1,
            9,
            JobEventType.FAILED,
            null,
            JobError.of(JobErrorCode.TIMEOUT, "attempt 1 timed out")));
    send(progress(jobId, tenant, 2, 3, 80, "encode"));

    await()
        .atMost(Duration.ofSeconds(20))
        .untilAsserted(
            () ->
                asTenant()
                    .get("/v1/jobs/" + jobId)
                    .then()
                    .body("progress.step", equalTo("encode"))
                    .body("status", equalTo("processing"))
                    .body("attempt", equalTo(2)));
  }

  @Test
  void aBatchAppliesAJobsEventsInTheirOrderWhateverOrderTheyCameIn() {
    String jobId = Api.submitResize(Api.uploadPng(16, 16), 8, 8);
    String tenant = tenantOf(jobId);
    Instant startedAt = Instant.now().truncatedTo(ChronoUnit.MILLIS);
    Instant completedAt = startedAt.plusMillis(7);
    String resultId = Ids.media();
    JobResult result =
        new JobResult(resultId, StorageKeys.result(tenant, jobId, 1), "image/png", 10, 8, 8);

    apply(
        at(event(jobId, tenant, 1, 4, JobEventType.COMPLETED, result, null), completedAt),
        progress(jobId, tenant, 1, 3, 90, "encode"),
        progress(jobId, tenant, 1, 2, 50, "resize"),
        at(event(jobId, tenant, 1, 1, JobEventType.STARTED, null, null), startedAt));

    JsonPath job = JsonPath.from(asTenant().get("/v1/jobs/" + jobId).asString());
    assertThat(job.getString("status")).isEqualTo("completed");
    assertThat(Instant.parse(job.getString("started_at"))).isEqualTo(startedAt);
    assertThat(Instant.parse(job.getString("completed_at"))).isEqualTo(completedAt);
    assertThat(job.getString("progress.step")).isEqualTo("encode");
    assertThat(job.getString("result.media_id")).isEqualTo(resultId);
    asTenant().get("/v1/media/" + resultId).then().statusCode(200);
  }

  @Test
  void inOneBatchAStaleTerminalEventIsSkippedAndEventsAfterTheAppliedOneAreDropped() {
    String jobId = Api.submitResize(Api.uploadPng(16, 16), 8, 8);
    String tenant = tenantOf(jobId);
    apply(event(jobId, tenant, 2, 1, JobEventType.STARTED, null, null)); // attempt 2 is current

    apply(
        event(
            jobId,
            tenant,
            1,
            4,
            JobEventType.COMPLETED,
            new JobResult(Ids.media(), "k", "image/png", 10, 8, 8),
            null), // attempt 1 ended late: stale
        progress(jobId, tenant, 2, 2, 70, "encode"),
        event(
            jobId,
            tenant,
            2,
            3,
            JobEventType.FAILED,
            null,
            JobError.of(JobErrorCode.TIMEOUT, "attempt 2 timed out")),
        event(jobId, tenant, 3, 1, JobEventType.STARTED, null, null)); // after a terminal one

    JsonPath job = JsonPath.from(asTenant().get("/v1/jobs/" + jobId).asString());
    assertThat(job.getString("status")).isEqualTo("failed");
    assertThat(job.getInt("attempt")).isEqualTo(2);
    assertThat(job.getString("error.code")).isEqualTo("timeout");
    assertThat(job.getString("progress.step")).isEqualTo("encode");
    assertThat(job.getString("result")).isNull();
  }

  @Test
  void aLateProgressEventInABatchDoesNotRewindTheProgressOfTheRow() {
    String jobId = Api.submitResize(Api.uploadPng(16, 16), 8, 8);
    String tenant = tenantOf(jobId);
    apply(
        event(jobId, tenant, 1, 1, JobEventType.STARTED, null, null),
        progress(jobId, tenant, 1, 3, 90, "encode"));

    apply(
        progress(jobId, tenant, 1, 2, 50, "resize"), // older than the row
        event(
            jobId,
            tenant,
            1,
            4,
            JobEventType.FAILED,
            null,
            JobError.of(JobErrorCode.TIMEOUT, "t")));

    JsonPath job = JsonPath.from(asTenant().get("/v1/jobs/" + jobId).asString());
    assertThat(job.getString("status")).isEqualTo("failed");
    assertThat(job.getString("progress.step")).isEqualTo("encode");
    assertThat(job.getInt("progress.percentage")).isEqualTo(90);
  }

  /** Applies events as one poll batch, in the order given. */
  private void apply(JobEvent... batch) {
    applier.apply(List.of(batch)).await().atMost(Duration.ofSeconds(20));
  }

  private static JobEvent at(JobEvent e, Instant at) {
    return new JobEvent(
        e.v(),
        e.jobId(),
        e.tenantId(),
        e.attempt(),
        e.seq(),
        e.type(),
        at,
        e.progress(),
        e.result(),
        e.error(),
        e.worker());
  }

  private static String tenantOf(String jobId) {
    // The bootstrap tenant owns every job of these tests; read its id from the account.
    return asTenant().get("/v1/account").then().statusCode(200).extract().path("id");
  }

  private static JsonPath awaitStatus(String jobId, String status) {
    await()
        .atMost(Duration.ofSeconds(20))
        .pollInterval(Duration.ofMillis(100))
        .untilAsserted(
            () -> asTenant().get("/v1/jobs/" + jobId).then().body("status", equalTo(status)));
    return JsonPath.from(asTenant().get("/v1/jobs/" + jobId).asString());
  }

  private static JobEvent progress(
      String jobId, String tenant, int attempt, int seq, int pct, String step) {
    return TestEvents.event(
        jobId,
        tenant,
        attempt,
        seq,
        JobEventType.PROGRESS,
        new Progress(pct, step, "Working"),
        null,
        null);
  }

  private static JobEvent event(
      String jobId,
      String tenant,
      int attempt,
      int seq,
      JobEventType type,
      JobResult result,
      JobError error) {
    return TestEvents.event(jobId, tenant, attempt, seq, type, null, result, error);
  }

  private static void send(JobEvent event) {
    TestKafka.send(Topics.JOB_EVENTS, event.jobId(), EVENTS.encode(event));
  }
}
