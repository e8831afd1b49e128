package dev.kiln.api.live;

import static dev.kiln.api.support.Api.asTenant;
import static dev.kiln.api.support.TestEvents.event;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import dev.kiln.api.jobs.JobEventApplier;
import dev.kiln.api.support.Api;
import dev.kiln.api.support.WorkerEvents;
import dev.kiln.infra.KilnTestResource;
import dev.kiln.model.ids.Ids;
import dev.kiln.model.jobs.JobError;
import dev.kiln.model.jobs.JobErrorCode;
import dev.kiln.model.jobs.JobEventType;
import dev.kiln.model.jobs.JobResult;
import dev.kiln.model.jobs.Progress;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Server-Sent Events of jobs, driven by real job events through Kafka and PostgreSQL. */
@QuarkusTest
@QuarkusTestResource(value = KilnTestResource.class, restrictToAnnotatedClass = false)
class JobStreamTest {

  @TestHTTPResource("/")
  URI base;

  @Inject JobEventApplier applier;

  @Test
  void aJobStreamShowsEachStateAndEndsAtTheTerminalOne() throws Exception {
    String jobId = Api.submitResize(Api.uploadPng(16, 16), 8, 8);
    WorkerEvents worker = new WorkerEvents(jobId, tenantId());
    try (SseConnection stream = SseConnection.open(base.resolve("/v1/jobs/" + jobId + "/events"))) {

      assertThat(stream.nextEvent().name()).isEqualTo("job.queued");
      worker.started();
      worker.progress(50, "resize");
      SseConnection.Event processing = stream.nextEvent();
      assertThat(processing.name()).isEqualTo("job.processing");
      assertThat(processing.data()).contains("\"id\":\"" + jobId + "\"");
      worker.failed(JobError.of(JobErrorCode.INVALID_IMAGE, "not an image"));

      SseConnection.Event last = stream.lastEventBeforeEnd();
      assertThat(last.name()).isEqualTo("job.failed");
      assertThat(last.data()).contains("\"code\":\"invalid_image\"");
    }
  }

  @Test
  void aJobThatRunsWithinOneEventBatchGoesFromQueuedToItsTerminalState() throws Exception {
    String jobId = Api.submitResize(Api.uploadPng(16, 16), 8, 8);
    String tenant = tenantId();
    try (SseConnection stream = SseConnection.open(base.resolve("/v1/jobs/" + jobId + "/events"))) {
      assertThat(stream.nextEvent().name()).isEqualTo("job.queued");

      applier
          .apply(
              List.of(
                  event(jobId, tenant, 1, JobEventType.STARTED, null, null),
                  event(
                      jobId,
                      tenant,
                      2,
                      JobEventType.PROGRESS,
                      new Progress(50, "resize", "m"),
                      null),
                  event(
                      jobId,
                      tenant,
                      3,
                      JobEventType.COMPLETED,
                      null,
                      new JobResult(Ids.media(), "k", "image/png", 10, 8, 8))))
          .await()
          .atMost(Duration.ofSeconds(20));

      // The batch commits as one change: the stream shows its outcome, never a state in between.
      SseConnection.Event completed = stream.nextEvent();
      assertThat(completed.name()).isEqualTo("job.completed");
      assertThat(completed.data()).contains("\"url\":\"http");
      assertThat(stream.nextEvent().isEnd()).isTrue();
    }
  }

  @Test
  void theJobUrlStreamsWhenAskedForEventsAndAnswersJsonOtherwise() throws Exception {
    String jobId = Api.submitResize(Api.uploadPng(16, 16), 8, 8);

    try (SseConnection stream = SseConnection.open(base.resolve("/v1/jobs/" + jobId))) {
      assertThat(stream.nextEvent().name()).isEqualTo("job.queued");
    }
    asTenant()
        .header("Accept", "*/*")
        .get("/v1/jobs/" + jobId)
        .then()
        .statusCode(200)
        .contentType("application/json")
        .body("status", equalTo("queued"));
  }

  @Test
  void theTenantStreamCarriesChangesOfEveryJob() throws Exception {
    String jobId = Api.submitResize(Api.uploadPng(16, 16), 8, 8);
    try (SseConnection stream = SseConnection.open(base.resolve("/v1/events"))) {
      stream.awaitFirstLine(); // a heartbeat: the stream is registered

      new WorkerEvents(jobId, tenantId()).started();

      SseConnection.Event event = stream.nextEvent();
      assertThat(event.name()).isEqualTo("job.processing");
      assertThat(event.data()).contains(jobId);
    }
  }

  @Test
  @Timeout(value = 60, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
  void theTenantStreamAnnouncesANewJobOnce() throws Exception {
    String media = Api.uploadPng(16, 16);
    try (SseConnection stream = SseConnection.open(base.resolve("/v1/events"))) {
      stream.awaitFirstLine(); // a heartbeat: the stream is registered

      String jobId = Api.submitResize(media, 8, 8);
      SseConnection.Event queued = nextOf(stream, jobId);
      assertThat(queued.name()).isEqualTo("job.queued");

      // Being handed to the workers is no change a client sees: the next event is the start.
      new WorkerEvents(jobId, tenantId()).started();
      assertThat(nextOf(stream, jobId).name()).isEqualTo("job.processing");
    }
  }

  /** The stream's next event about {@code jobId} (other tests' jobs share the tenant). */
  private static SseConnection.Event nextOf(SseConnection stream, String jobId)
      throws InterruptedException {
    for (int i = 0; i < 100; i++) {
      SseConnection.Event event = stream.nextEvent();
      if (event.data() != null && event.data().contains(jobId)) {
        return event;
      }
    }
    throw new AssertionError("no event about " + jobId);
  }

  @Test
  void anUnknownJobIsAProblemNotAStream() {
    asTenant()
        .header("Accept", "text/event-stream")
        .get("/v1/jobs/job_00000000000000000000000000/events")
        .then()
        .statusCode(404)
        .body("code", equalTo("not_found"));
  }

  private static String tenantId() {
    return asTenant().get("/v1/account").then().statusCode(200).extract().path("id");
  }
}
