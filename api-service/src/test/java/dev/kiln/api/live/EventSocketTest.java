package dev.kiln.api.live;

import static dev.kiln.api.support.Api.asTenant;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.kiln.api.support.Api;
import dev.kiln.api.support.Submits;
import dev.kiln.api.support.Tenants;
import dev.kiln.api.support.WorkerEvents;
import dev.kiln.infra.KilnTestResource;
import dev.kiln.model.ids.Ids;
import dev.kiln.model.jobs.JobError;
import dev.kiln.model.jobs.JobErrorCode;
import dev.kiln.model.jobs.JobResult;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.inject.Inject;
import java.net.URI;
import java.net.http.WebSocketHandshakeException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The live streams over WebSocket: same events, ids, resume and auth as the SSE streams. */
@QuarkusTest
@QuarkusTestResource(value = KilnTestResource.class, restrictToAnnotatedClass = false)
@Timeout(value = 90, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class EventSocketTest {

  private static final Map<String, String> AS_TENANT =
      Map.of("Authorization", "Bearer " + Api.key());

  @TestHTTPResource("/")
  URI base;

  @Inject Pool pool;

  @Test
  void aJobSocketCarriesEveryEventInOrderThenClosesNormally() throws Exception {
    String jobId = Api.submitResize(Api.uploadPng(16, 16), 8, 8);
    WorkerEvents worker = new WorkerEvents(jobId, tenantId());
    try (SocketConnection socket = SocketConnection.open(jobSocket(jobId), AS_TENANT)) {
      socket.send("{\"type\": \"subscribe\"}");
      JsonNode queued = socket.nextEvent();
      assertThat(queued.path("event").asText()).isEqualTo("job.queued");
      assertThat(queued.path("data").path("id").asText()).isEqualTo(jobId);
      worker.started();
      JsonNode processing = socket.nextEvent();
      assertThat(processing.path("event").asText()).isEqualTo("job.processing");
      worker.completed(new JobResult(Ids.media(), "k", "image/png", 10, 8, 8));
      JsonNode completed = socket.nextEvent();
      assertThat(completed.path("event").asText()).isEqualTo("job.completed");
      assertThat(completed.path("data").path("status").asText()).isEqualTo("completed");

      assertThat(socket.next().path("type").asText()).isEqualTo("end");
      assertThat(socket.awaitClose()).as("a normal close").isEqualTo(1000);
      assertThat(
              List.of(
                  queued.path("id").asLong(),
                  processing.path("id").asLong(),
                  completed.path("id").asLong()))
          .as("ids increase")
          .isSorted()
          .doesNotHaveDuplicates();
    }
  }

  @Test
  void aSocketResumesAfterTheLastEventItHadAndAFinishedJobEndsAtOnce() throws Exception {
    String jobId = Api.submitResize(Api.uploadPng(16, 16), 8, 8);
    WorkerEvents worker = new WorkerEvents(jobId, tenantId());
    String queuedId;
    try (SocketConnection socket = SocketConnection.open(jobSocket(jobId), AS_TENANT)) {
      socket.send("{\"type\": \"subscribe\"}");
      queuedId = socket.nextEvent().path("id").asText();
    }
    worker.started();
    worker.failed(JobError.of(JobErrorCode.INVALID_IMAGE, "not an image"));
    JobStates.await(asTenant(), jobId, "failed");

    String failedId;
    try (SocketConnection socket = SocketConnection.open(jobSocket(jobId), AS_TENANT)) {
      socket.send("{\"type\": \"subscribe\", \"last_event_id\": \"" + queuedId + "\"}");
      assertThat(socket.nextEvent().path("event").asText()).isEqualTo("job.processing");
      JsonNode failed = socket.nextEvent();
      assertThat(failed.path("event").asText()).isEqualTo("job.failed");
      failedId = failed.path("id").asText();
      assertThat(socket.next().path("type").asText()).isEqualTo("end");
    }
    try (SocketConnection socket = SocketConnection.open(jobSocket(jobId), AS_TENANT)) {
      socket.send("{\"type\": \"subscribe\", \"last_event_id\": " + failedId + "}");
      assertThat(socket.next().path("type").asText()).as("nothing more").isEqualTo("end");
      assertThat(socket.awaitClose()).isEqualTo(1000);
    }
  }

  @Test
  void theAccountSocketShowsTheAccountsJobsOnlyWithItsFilters() throws Exception {
    Tenants.Account watcher = Tenants.create(pool, null, null);
    Tenants.Account other = Tenants.create(pool, null, null);
    try (SocketConnection socket =
        SocketConnection.open(
            base("/v1/events/ws"), Map.of("Authorization", "Bearer " + watcher.key()))) {
      socket.send("{\"type\": \"subscribe\", \"types\": [\"job.processing\"]}");
      String otherJob = submit(other);
      new WorkerEvents(otherJob, other.id()).started();
      JobStates.await(other.request(), otherJob, "processing");
      String own = submit(watcher);
      new WorkerEvents(own, watcher.id()).started();

      JsonNode first = socket.nextEvent();
      assertThat(first.path("event").asText())
          .as("job.queued is filtered out")
          .isEqualTo("job.processing");
      assertThat(first.path("data").path("id").asText()).isEqualTo(own);
    }
  }

  @Test
  void theServerPingsAnIdleSocket() throws Exception {
    try (SocketConnection socket = SocketConnection.open(base("/v1/events/ws"), AS_TENANT)) {
      socket.send("{\"type\": \"subscribe\"}");
      long deadline = System.nanoTime() + 10_000_000_000L;
      while (socket.pings() == 0 && System.nanoTime() < deadline) {
        Thread.sleep(100);
      }
      assertThat(socket.pings()).as("pings within 10 s (1 s apart in tests)").isPositive();
    }
  }

  @Test
  void aBrowserPageOpensASocketWithAStreamToken() throws Exception {
    String jobId = Api.submitResize(Api.uploadPng(16, 16), 8, 8);
    String token =
        asTenant()
            .contentType(ContentType.JSON)
            .body("{\"job_id\": \"" + jobId + "\"}")
            .post("/v1/stream-tokens")
            .then()
            .statusCode(201)
            .extract()
            .path("token");
    Map<String, String> page = Map.of("Origin", "https://console.example");
    try (SocketConnection socket =
        SocketConnection.open(
            base("/v1/jobs/" + jobId + "/events/ws?access_token=" + token), page)) {
      socket.send("{\"type\": \"subscribe\"}");
      assertThat(socket.nextEvent().path("event").asText()).isEqualTo("job.queued");
    }

    String other = Api.submitResize(Api.uploadPng(16, 16), 8, 8);
    assertThat(
            SocketConnection.refusal(
                    base("/v1/jobs/" + other + "/events/ws?access_token=" + token), page)
                .getResponse()
                .statusCode())
        .as("a token of another job")
        .isEqualTo(403);
    assertThat(
            SocketConnection.refusal(
                    base("/v1/jobs/" + jobId + "/events/ws?access_token=" + token),
                    Map.of("Origin", "https://elsewhere.example"))
                .getResponse()
                .statusCode())
        .as("a page of an origin not allowed")
        .isEqualTo(403);
  }

  @Test
  void refusedUpgradesAreChallenged() throws Exception {
    WebSocketHandshakeException none = SocketConnection.refusal(base("/v1/events/ws"), Map.of());
    assertThat(none.getResponse().statusCode()).isEqualTo(401);
    assertThat(none.getResponse().headers().firstValue("WWW-Authenticate"))
        .contains("Bearer realm=\"kiln\"");

    WebSocketHandshakeException keyInUrl =
        SocketConnection.refusal(base("/v1/events/ws?access_token=" + Api.key()), Map.of());
    assertThat(keyInUrl.getResponse().statusCode()).isEqualTo(401);
    assertThat(keyInUrl.getResponse().headers().firstValue("WWW-Authenticate"))
        .contains("Bearer realm=\"kiln\", error=\"invalid_token\"");
  }

  @Test
  void aBadSubscriptionIsAProblemThenAClose() throws Exception {
    try (SocketConnection socket = SocketConnection.open(base("/v1/events/ws"), AS_TENANT)) {
      socket.send("{\"type\": \"subscribe\", \"types\": [\"job.nope\"]}");
      JsonNode error = socket.next();
      assertThat(error.path("type").asText()).isEqualTo("error");
      assertThat(error.path("problem").path("code").asText()).isEqualTo("validation_failed");
      assertThat(error.path("problem").path("errors").get(0).path("field").asText())
          .isEqualTo("types");
      assertThat(socket.awaitClose()).isEqualTo(4422);
    }
    try (SocketConnection socket = SocketConnection.open(base("/v1/events/ws"), AS_TENANT)) {
      socket.send("not json");
      assertThat(socket.next().path("problem").path("code").asText()).isEqualTo("malformed_json");
      assertThat(socket.awaitClose()).isEqualTo(4400);
    }
    try (SocketConnection socket =
        SocketConnection.open(jobSocket("job_00000000000000000000000000"), AS_TENANT)) {
      socket.send("{\"type\": \"subscribe\"}");
      assertThat(socket.next().path("problem").path("code").asText()).isEqualTo("not_found");
      assertThat(socket.awaitClose()).isEqualTo(4404);
    }
  }

  private URI jobSocket(String jobId) {
    return base("/v1/jobs/" + jobId + "/events/ws");
  }

  private URI base(String pathAndQuery) {
    return URI.create(base.toString().replaceFirst("^http", "ws")).resolve(pathAndQuery);
  }

  private static String submit(Tenants.Account account) {
    return Submits.resize(account.request(), Submits.upload(account.request()), null)
        .then()
        .statusCode(202)
        .extract()
        .path("id");
  }

  private static String tenantId() {
    return asTenant().get("/v1/account").then().statusCode(200).extract().path("id");
  }
}
