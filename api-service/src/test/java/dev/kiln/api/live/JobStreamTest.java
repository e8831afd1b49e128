package dev.kiln.api.live;

import static dev.kiln.api.support.Api.asTenant;
import static dev.kiln.api.support.TestEvents.event;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import dev.kiln.api.jobs.JobEventApplier;
import dev.kiln.api.support.Api;
import dev.kiln.api.support.Submits;
import dev.kiln.api.support.Tenants;
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
import io.restassured.specification.RequestSpecification;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.inject.Inject;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Server-Sent Events of jobs and of tenants, driven by real job events through Kafka and
 * PostgreSQL: the order of a whole job, exact resume with Last-Event-ID, the end of a finished
 * job's stream, filters, snapshots, heartbeats and isolation.
 */
@QuarkusTest
@QuarkusTestResource(value = KilnTestResource.class, restrictToAnnotatedClass = false)
@Timeout(value = 90, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class JobStreamTest {

  @TestHTTPResource("/")
  URI base;

  @Inject JobEventApplier applier;
  @Inject Pool pool;

  @Test
  void aJobStreamCarriesEveryEventInOrderAndEndsAfterTheTerminalOne() throws Exception {
    String jobId = Api.submitResize(Api.uploadPng(16, 16), 8, 8);
    WorkerEvents worker = new WorkerEvents(jobId, tenantId());
    try (SseConnection stream = SseConnection.open(jobEvents(jobId))) {
      stream.awaitFirstLine();
      assertThat(stream.retry()).as("the reconnection delay").isEqualTo("3000");

      SseConnection.Event queued = stream.nextEvent();
      assertThat(queued.name()).isEqualTo("job.queued");
      worker.started();
      SseConnection.Event processing = stream.nextEvent();
      assertThat(processing.name()).isEqualTo("job.processing");
      assertThat(processing.data()).contains("\"id\":\"" + jobId + "\"");
      worker.failed(JobError.of(JobErrorCode.INVALID_IMAGE, "not an image"));

      List<SseConnection.Event> rest = stream.eventsUntilEnd();
      assertThat(rest).extracting(SseConnection.Event::name).containsExactly("job.failed");
      assertThat(rest.getFirst().data()).contains("\"code\":\"invalid_image\"");
      assertThat(List.of(queued.seq(), processing.seq(), rest.getFirst().seq()))
          .as("ids increase")
          .isSorted()
          .doesNotHaveDuplicates();
      assertThat(stream.comments()).contains("end");
    }
  }

  @Test
  void aJobThatRunsWithinOneEventBatchShowsItsStartThenItsOutcome() throws Exception {
    String jobId = Api.submitResize(Api.uploadPng(16, 16), 8, 8);
    String tenant = tenantId();
    try (SseConnection stream = SseConnection.open(jobEvents(jobId))) {
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

      List<SseConnection.Event> events = stream.eventsUntilEnd();
      assertThat(events)
          .extracting(SseConnection.Event::name)
          .containsExactly("job.processing", "job.completed");
      assertThat(events.getLast().data()).contains("\"url\":\"http");
    }
  }

  @Test
  void aReconnectWithLastEventIdGetsExactlyTheMissedEventsThenA204() throws Exception {
    String jobId = Api.submitResize(Api.uploadPng(16, 16), 8, 8);
    WorkerEvents worker = new WorkerEvents(jobId, tenantId());
    String queuedId;
    try (SseConnection stream = SseConnection.open(jobEvents(jobId))) {
      queuedId = stream.nextEvent().id();
    }
    worker.started();
    worker.failed(JobError.of(JobErrorCode.INVALID_IMAGE, "not an image"));
    JobStates.await(asTenant(), jobId, "failed");

    List<SseConnection.Event> missed;
    try (SseConnection again =
        SseConnection.open(jobEvents(jobId), Api.key(), Map.of("Last-Event-ID", queuedId))) {
      missed = again.eventsUntilEnd();
    }
    assertThat(missed)
        .extracting(SseConnection.Event::name)
        .containsExactly("job.processing", "job.failed");
    assertThat(missed.getFirst().seq()).isGreaterThan(Long.parseLong(queuedId));

    // The client has the terminal event: a spec-following EventSource stops on 204.
    asTenant()
        .header("Accept", "text/event-stream")
        .header("Last-Event-ID", missed.getLast().id())
        .get("/v1/jobs/" + jobId + "/events")
        .then()
        .statusCode(204);

    // Without a resume point, a finished job's stream tells its whole story and ends.
    try (SseConnection fresh = SseConnection.open(jobEvents(jobId))) {
      assertThat(fresh.eventsUntilEnd())
          .extracting(SseConnection.Event::name)
          .containsExactly("job.queued", "job.processing", "job.failed");
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
  void theTenantStreamAnnouncesNewJobsAndTheirChanges() throws Exception {
    Tenants.Account account = Tenants.create(pool, null, null);
    String media = Submits.upload(account.request());
    try (SseConnection stream = SseConnection.open(tenantEvents(""), account.key(), Map.of())) {
      stream.awaitFirstLine();

      String jobId = submit(account.request(), media);
      SseConnection.Event queued = stream.nextEvent();
      assertThat(queued.name()).isEqualTo("job.queued");
      assertThat(queued.data()).contains(jobId);

      // Being handed to the workers is no change a client sees: the next event is the start.
      new WorkerEvents(jobId, account.id()).started();
      SseConnection.Event processing = stream.nextEvent();
      assertThat(processing.name()).isEqualTo("job.processing");
      assertThat(processing.data()).contains(jobId);
    }
  }

  @Test
  void aTenantStreamResumesWithExactlyTheMissedEvents() throws Exception {
    Tenants.Account account = Tenants.create(pool, null, null);
    String media = Submits.upload(account.request());
    String first;
    String firstQueued;
    try (SseConnection stream = SseConnection.open(tenantEvents(""), account.key(), Map.of())) {
      stream.awaitFirstLine();
      first = submit(account.request(), media);
      firstQueued = stream.nextEvent().id();
    }

    // While the client is away: a new job, and the first one starts.
    String second = submit(account.request(), media);
    new WorkerEvents(first, account.id()).started();
    JobStates.await(account.request(), first, "processing");

    try (SseConnection stream =
        SseConnection.open(tenantEvents(""), account.key(), Map.of("Last-Event-ID", firstQueued))) {
      SseConnection.Event missedQueued = stream.nextEvent();
      SseConnection.Event missedStart = stream.nextEvent();
      assertThat(List.of(missedQueued.name(), missedStart.name()))
          .containsExactly("job.queued", "job.processing");
      assertThat(missedQueued.data()).contains(second);
      assertThat(missedStart.data()).contains(first);

      // Then live events, without a duplicate of what was replayed.
      applier
          .apply(
              List.of(
                  event(
                      second,
                      account.id(),
                      1,
                      1,
                      JobEventType.FAILED,
                      null,
                      null,
                      JobError.of(JobErrorCode.INVALID_IMAGE, "no"))))
          .await()
          .atMost(Duration.ofSeconds(20));
      SseConnection.Event live = stream.nextEvent();
      assertThat(live.data()).contains(second);
      assertThat(live.name()).isIn("job.processing", "job.failed");
      assertThat(live.seq()).isGreaterThan(missedStart.seq());
    }
  }

  @Test
  void filtersNarrowTheTenantStream() throws Exception {
    Tenants.Account account = Tenants.create(pool, null, null);
    String media = Submits.upload(account.request());
    String quiet = submit(account.request(), media);
    String watched = submit(account.request(), media);
    try (SseConnection stream =
        SseConnection.open(
            tenantEvents("?types=job.processing&job_ids=" + watched), account.key(), Map.of())) {
      stream.awaitFirstLine();
      new WorkerEvents(quiet, account.id()).started();
      JobStates.await(account.request(), quiet, "processing");
      new WorkerEvents(watched, account.id()).started();

      SseConnection.Event event = stream.nextEvent();
      assertThat(event.name()).isEqualTo("job.processing");
      assertThat(event.data()).contains(watched);
    }
  }

  @Test
  void aResumePointTheRecordNoLongerHoldsGetsASnapshotThatSaysSo() throws Exception {
    Tenants.Account account = Tenants.create(pool, null, null);
    String jobId = submit(account.request(), Submits.upload(account.request()));
    Map<String, String> gone = Map.of("Last-Event-ID", "999999999999");

    try (SseConnection stream = SseConnection.open(tenantEvents(""), account.key(), gone)) {
      SseConnection.Event snapshot = stream.nextEvent();
      assertThat(snapshot.name()).isEqualTo("snapshot");
      assertThat(snapshot.data()).contains("\"reason\":\"last_event_id_not_retained\"", jobId);
    }
    try (SseConnection stream = SseConnection.open(jobEvents(jobId), account.key(), gone)) {
      SseConnection.Event snapshot = stream.nextEvent();
      assertThat(snapshot.name()).isEqualTo("snapshot");
      assertThat(snapshot.data()).contains("\"job\":{", "\"status\":\"queued\"");
    }
  }

  @Test
  void idleStreamsGetKeepAlives() throws Exception {
    try (SseConnection stream = SseConnection.open(tenantEvents(""))) {
      stream.awaitComment("keep-alive");
    }
  }

  @Test
  void aTenantSeesNothingOfAnother() throws Exception {
    Tenants.Account watcher = Tenants.create(pool, null, null);
    Tenants.Account other = Tenants.create(pool, null, null);
    String otherJob = submit(other.request(), Submits.upload(other.request()));
    try (SseConnection stream = SseConnection.open(tenantEvents(""), watcher.key(), Map.of())) {
      stream.awaitFirstLine();
      submit(other.request(), Submits.upload(other.request()));
      new WorkerEvents(otherJob, other.id()).started();
      JobStates.await(other.request(), otherJob, "processing");
      String own = submit(watcher.request(), Submits.upload(watcher.request()));

      SseConnection.Event first = stream.nextEvent();
      assertThat(first.data()).contains(own);
    }
    watcher
        .request()
        .header("Accept", "text/event-stream")
        .get("/v1/jobs/" + otherJob + "/events")
        .then()
        .statusCode(404);
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

  @Test
  void malformedStreamParametersAreProblems() {
    asTenant()
        .header("Accept", "text/event-stream")
        .get("/v1/events?types=job.nope")
        .then()
        .statusCode(422)
        .body("errors[0].field", equalTo("types"));
    asTenant()
        .header("Accept", "text/event-stream")
        .get("/v1/events?job_ids=nope")
        .then()
        .statusCode(422)
        .body("errors[0].field", equalTo("job_ids"));
    asTenant()
        .header("Accept", "text/event-stream")
        .header("Last-Event-ID", "abc")
        .get("/v1/events")
        .then()
        .statusCode(422)
        .body("errors[0].field", equalTo("Last-Event-ID"));
  }

  private URI jobEvents(String jobId) {
    return base.resolve("/v1/jobs/" + jobId + "/events");
  }

  private URI tenantEvents(String query) {
    return base.resolve("/v1/events" + query);
  }

  private static String submit(RequestSpecification as, String mediaId) {
    return Submits.resize(as, mediaId, null).then().statusCode(202).extract().path("id");
  }

  private static String tenantId() {
    return asTenant().get("/v1/account").then().statusCode(200).extract().path("id");
  }
}
