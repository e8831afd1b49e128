package dev.kiln.api.webhooks;

import static dev.kiln.api.support.Api.asTenant;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import dev.kiln.api.support.Api;
import dev.kiln.api.support.TestImages;
import dev.kiln.api.support.WebhookReceiver;
import dev.kiln.api.support.WebhookReceiver.Received;
import dev.kiln.api.support.WebhookReceiver.Reply;
import dev.kiln.api.support.Webhooks;
import dev.kiln.api.support.WorkerEvents;
import dev.kiln.infra.KilnTestResource;
import dev.kiln.model.ids.Ids;
import dev.kiln.model.jobs.JobResult;
import dev.kiln.model.jobs.StorageKeys;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Webhooks sent to a real HTTP receiver on loopback (allow-listed in the test profile), with the
 * test schedule of {@code application.properties}: retries 300 ms apart, 2 s attempt timeout.
 */
@QuarkusTest
@QuarkusTestResource(value = KilnTestResource.class, restrictToAnnotatedClass = false)
class WebhookDeliveryTest {

  private static final Duration WAIT = Duration.ofSeconds(30);
  private static final List<String> ALL_JOB_TYPES =
      List.of(
          "job.queued",
          "job.processing",
          "job.progress",
          "job.completed",
          "job.failed",
          "job.cancelled",
          "job.expired");

  @Inject Pool pool;
  @Inject ObjectMapper json;

  private final WebhookReceiver receiver = new WebhookReceiver();
  private final List<String> endpoints = new ArrayList<>();

  @AfterEach
  void cleanUp() {
    endpoints.forEach(id -> asTenant().delete("/v1/webhook-endpoints/" + id));
    receiver.close();
  }

  @Test
  void aCompletedJobIsDeliveredSignedAsTheSpecificationSays() throws Exception {
    JsonPath endpoint = endpoint("/signed", List.of("job.completed"));
    String secret = endpoint.getString("secret");
    String job = completeAJob();

    Received delivery = awaitOne("/signed");
    String id = delivery.header("webhook-id");
    String timestamp = delivery.header("webhook-timestamp");
    assertThat(id).startsWith("evt_");
    assertThat(Long.parseLong(timestamp))
        .isBetween(System.currentTimeMillis() / 1000 - 60, System.currentTimeMillis() / 1000 + 5);
    assertThat(delivery.header("webhook-signature"))
        .isEqualTo(Webhooks.expectedSignature(secret, id, timestamp, delivery.body()));
    assertThat(delivery.header("content-type")).startsWith("application/json");
    assertThat(delivery.header("user-agent")).startsWith("Kiln-Webhooks/");

    JsonNode body = json.readTree(delivery.body());
    assertThat(body.get("type").asText()).isEqualTo("job.completed");
    assertThat(body.get("timestamp").asText()).isNotBlank();
    JsonNode data = body.get("data");
    assertThat(data.get("id").asText()).isEqualTo(job);
    assertThat(data.get("status").asText()).isEqualTo("completed");
    assertThat(data.get("attempt").asInt()).isEqualTo(1);
    assertThat(data.get("sequence").asLong()).isPositive();
    assertThat(data.get("result").get("url").asText()).startsWith("http");
    assertThat(data.get("result").has("result_base64")).isFalse();
    assertThat(schemaErrors("job.completed", body)).isEmpty();

    // Meters count it.
    await()
        .atMost(WAIT)
        .untilAsserted(
            () ->
                io.restassured.RestAssured.get("/q/metrics")
                    .then()
                    .body(
                        org.hamcrest.Matchers.containsString(
                            "kiln_webhook_attempts_total{outcome=\"succeeded\"}"))
                    .body(
                        org.hamcrest.Matchers.containsString(
                            "kiln_webhook_attempt_duration_seconds_bucket")));

    // The delivery log shows it, with its attempt.
    asTenant()
        .get("/v1/webhook-endpoints/" + endpoint.getString("id") + "/deliveries")
        .then()
        .statusCode(200)
        .body("data[0].status", equalTo("succeeded"))
        .body("data[0].event_id", equalTo(id))
        .body("data[0].type", equalTo("job.completed"))
        .body("data[0].attempts[0].status_code", equalTo(200));
  }

  @Test
  void failuresAreRetriedWithTheSameIdOnTheSchedule() {
    receiver.then(Reply.status(500, "boom"), Reply.status(500));
    String endpoint = endpoint("/flaky", List.of("job.completed")).getString("id");
    completeAJob();

    await().atMost(WAIT).until(() -> receiver.receivedOn("/flaky").size() >= 3);
    List<Received> attempts = receiver.receivedOn("/flaky");
    assertThat(attempts).hasSize(3);
    assertThat(attempts.stream().map(r -> r.header("webhook-id")).distinct()).hasSize(1);
    JsonPath delivery = awaitDelivery(endpoint, "succeeded");
    // retry-delays=300ms in the test profile, no jitter: the log's attempt times (the server's
    // clock, not the receiver thread's, which a loaded machine may run late) are that far apart.
    List<String> times = delivery.getList("data[0].attempts.at");
    for (int i = 1; i < times.size(); i++) {
      assertThat(Duration.between(Instant.parse(times.get(i - 1)), Instant.parse(times.get(i))))
          .isGreaterThanOrEqualTo(Duration.ofMillis(300));
    }
    assertThat(delivery.getList("data[0].attempts.status_code")).containsExactly(500, 500, 200);
    assertThat(delivery.getString("data[0].attempts[0].response_excerpt")).isEqualTo("boom");
    assertThat(delivery.getString("data[0].attempts[0].error")).contains("500");
  }

  @Test
  void aReceiverThatNeverAnswersFailsAfterTheScheduleThenARedeliverySucceeds() {
    receiver.then(
        Reply.silence(), Reply.silence(), Reply.silence(), Reply.silence(), Reply.silence());
    String endpoint = endpoint("/silent", List.of("job.completed")).getString("id");
    completeAJob();

    JsonPath failed = awaitDelivery(endpoint, "failed", Duration.ofSeconds(60));
    assertThat(failed.getList("data[0].attempts")).hasSize(5);
    assertThat(failed.getString("data[0].attempts[0].error")).contains("no response within");
    assertThat(failed.getString("data[0].failure_reason")).isEqualTo("attempts exhausted");
    String deliveryId = failed.getString("data[0].id");
    String eventId = failed.getString("data[0].event_id");

    asTenant()
        .post("/v1/webhook-deliveries/" + deliveryId + "/redeliver")
        .then()
        .statusCode(202)
        .body("id", equalTo(deliveryId));
    await()
        .atMost(WAIT)
        .untilAsserted(
            () ->
                asTenant()
                    .get("/v1/webhook-deliveries/" + deliveryId)
                    .then()
                    .body("status", equalTo("succeeded"))
                    .body("attempts.size()", equalTo(6)));
    Received last = receiver.receivedOn("/silent").getLast();
    assertThat(last.header("webhook-id")).isEqualTo(eventId);
  }

  @Test
  void goneDisablesTheEndpointWithItsReason() {
    receiver.then(Reply.status(410));
    String endpoint = endpoint("/gone", List.of("job.completed")).getString("id");
    completeAJob();

    awaitDelivery(endpoint, "failed");
    asTenant()
        .get("/v1/webhook-endpoints/" + endpoint)
        .then()
        .body("enabled", equalTo(false))
        .body("disabled_reason", equalTo("the receiver answered 410 Gone"));
    assertThat(receiver.receivedOn("/gone")).hasSize(1);
  }

  @Test
  void anEndpointFailingForLongerThanTheLimitIsDisabled() {
    receiver.then(Reply.status(500));
    String endpoint = endpoint("/failing", List.of("job.completed")).getString("id");
    pool.preparedQuery(
            "update webhook_endpoints set failing_since = now() - interval '6 days' where id = $1")
        .execute(Tuple.of(endpoint))
        .await()
        .atMost(Duration.ofSeconds(5));
    completeAJob();

    awaitDelivery(endpoint, "failed");
    asTenant()
        .get("/v1/webhook-endpoints/" + endpoint)
        .then()
        .body("enabled", equalTo(false))
        .body("disabled_reason", org.hamcrest.Matchers.startsWith("no successful delivery since"));
    assertThat(receiver.receivedOn("/failing")).hasSize(1);
  }

  @Test
  void retryAfterIsHonoured() {
    receiver.then(Reply.withHeader(429, "Retry-After", "2"));
    String endpoint = endpoint("/busy", List.of("job.completed")).getString("id");
    completeAJob();

    awaitDelivery(endpoint, "succeeded");
    List<Received> attempts = receiver.receivedOn("/busy");
    assertThat(attempts).hasSize(2);
    assertThat(Duration.between(attempts.get(0).at(), attempts.get(1).at()))
        .isGreaterThanOrEqualTo(Duration.ofMillis(1900));
  }

  @Test
  void aRedirectIsNotFollowedAndCountsAsAFailure() {
    receiver.then(Reply.withHeader(302, "Location", receiver.url("/elsewhere")));
    String endpoint = endpoint("/moved", List.of("job.completed")).getString("id");
    completeAJob();

    JsonPath delivery = awaitDelivery(endpoint, "succeeded");
    assertThat(delivery.getList("data[0].attempts.status_code")).containsExactly(302, 200);
    assertThat(delivery.getString("data[0].attempts[0].error")).contains("not followed");
    assertThat(receiver.receivedOn("/elsewhere")).isEmpty();
  }

  @Test
  void endpointFiltersAreHonouredAndTheEventRecordHoldsEveryChangeInOrder() throws Exception {
    String processing = endpoint("/processing", List.of("job.processing")).getString("id");
    endpoint("/everything", ALL_JOB_TYPES);
    String job = completeAJob();

    await().atMost(WAIT).until(() -> receiver.receivedOn("/everything").size() >= 3);
    awaitDelivery(processing, "succeeded");
    assertThat(types(receiver.receivedOn("/processing"))).containsExactly("job.processing");
    assertThat(types(receiver.receivedOn("/everything")))
        .containsExactlyInAnyOrder("job.queued", "job.processing", "job.completed");

    List<String> recorded =
        pool
            .preparedQuery("select type from events where job_id = $1 order by seq")
            .execute(Tuple.of(job))
            .await()
            .atMost(Duration.ofSeconds(5))
            .stream()
            .map(row -> row.getString("type"))
            .toList();
    assertThat(recorded).containsExactly("job.queued", "job.processing", "job.completed");
  }

  @Test
  void aJobsOwnUrlIsSignedWithTheAccountSecret() throws Exception {
    String secret = Webhooks.createAccountSecret();
    String media = Api.uploadPng(16, 16);
    String job = submitWithOwnUrl(media, "/job");
    finish(job, media);

    await().atMost(WAIT).until(() -> receiver.receivedOn("/job").size() >= 2);
    for (Received delivery : receiver.receivedOn("/job")) {
      assertThat(delivery.header("webhook-signature"))
          .contains(
              Webhooks.expectedSignature(
                  secret,
                  delivery.header("webhook-id"),
                  delivery.header("webhook-timestamp"),
                  delivery.body()));
    }
    assertThat(types(receiver.receivedOn("/job"))).containsExactly("job.queued", "job.completed");
    await()
        .atMost(WAIT)
        .untilAsserted(
            () ->
                asTenant()
                    .get("/v1/jobs/" + job + "/deliveries")
                    .then()
                    .statusCode(200)
                    .body("data.size()", equalTo(2))
                    .body("data.status", org.hamcrest.Matchers.everyItem(equalTo("succeeded")))
                    .body("data[0].endpoint_id", org.hamcrest.Matchers.nullValue()));
  }

  @Test
  void aJobsOwnUrlThatAnswersGoneGetsNoMoreEvents() {
    Webhooks.createAccountSecret();
    receiver.then(Reply.status(410));
    String media = Api.uploadPng(16, 16);
    String job = submitWithOwnUrl(media, "/gone-job");
    await()
        .atMost(WAIT)
        .untilAsserted(
            () ->
                asTenant()
                    .get("/v1/jobs/" + job + "/deliveries")
                    .then()
                    .body("data[0].status", equalTo("failed"))
                    .body("data[0].failure_reason", equalTo("gone")));

    finish(job, media);
    asTenant()
        .get("/v1/jobs/" + job + "/deliveries")
        .then()
        .body("data.size()", equalTo(1))
        .body("data[0].type", equalTo("job.queued"));
    assertThat(receiver.receivedOn("/gone-job")).hasSize(1);
  }

  @Test
  void aRotatedSecretSignsBesideTheNewOneDuringTheOverlap() throws Exception {
    JsonPath created = endpoint("/rotated", List.of("job.completed"));
    String old = created.getString("secret");
    String fresh =
        asTenant()
            .post("/v1/webhook-endpoints/" + created.getString("id") + "/rotate-secret")
            .then()
            .statusCode(200)
            .extract()
            .path("secret");
    assertThat(fresh).isNotEqualTo(old).startsWith("whsec_");
    completeAJob();

    Received delivery = awaitOne("/rotated");
    String[] signatures = delivery.header("webhook-signature").split(" ");
    String id = delivery.header("webhook-id");
    String timestamp = delivery.header("webhook-timestamp");
    assertThat(signatures)
        .containsExactly(
            Webhooks.expectedSignature(fresh, id, timestamp, delivery.body()),
            Webhooks.expectedSignature(old, id, timestamp, delivery.body()));
  }

  @Test
  void includeResultSendsSmallResultsInline() throws Exception {
    String id =
        asTenant()
            .contentType(ContentType.JSON)
            .body(
                "{\"url\": \"%s\", \"events\": [\"job.completed\"], \"include_result\": true}"
                    .formatted(receiver.url("/inline")))
            .post("/v1/webhook-endpoints")
            .then()
            .statusCode(201)
            .extract()
            .path("id");
    endpoints.add(id);
    completeAJob();

    JsonNode result = json.readTree(awaitOne("/inline").body()).get("data").get("result");
    byte[] bytes = Base64.getDecoder().decode(result.get("result_base64").asText());
    assertThat(TestImages.decode(bytes).getWidth()).isEqualTo(16);
    assertThat(bytes.length).isEqualTo(result.get("size_bytes").asInt());
  }

  @Test
  void aTestEventReachesTheEndpointAndMatchesItsSchema() throws Exception {
    JsonPath endpoint = endpoint("/test", List.of("job.completed"));
    asTenant()
        .post("/v1/webhook-endpoints/" + endpoint.getString("id") + "/test")
        .then()
        .statusCode(202)
        .body("type", equalTo("webhook.test"));

    Received delivery = awaitOne("/test");
    JsonNode body = json.readTree(delivery.body());
    assertThat(body.get("type").asText()).isEqualTo("webhook.test");
    assertThat(body.get("data").get("endpoint_id").asText()).isEqualTo(endpoint.getString("id"));
    assertThat(schemaErrors("webhook.test", body)).isEmpty();
    assertThat(delivery.header("webhook-signature"))
        .isEqualTo(
            Webhooks.expectedSignature(
                endpoint.getString("secret"),
                delivery.header("webhook-id"),
                delivery.header("webhook-timestamp"),
                delivery.body()));
  }

  @Test
  void theSchemaRejectsWhatIsNotAWebhook() throws Exception {
    JsonNode bad =
        json.readTree("{\"type\": \"job.completed\", \"timestamp\": 5, \"data\": {\"id\": 1}}");
    assertThat(schemaErrors("job.completed", bad)).isNotEmpty();
  }

  private JsonPath endpoint(String path, List<String> events) {
    JsonPath created = Webhooks.createEndpoint(receiver.url(path), events);
    endpoints.add(created.getString("id"));
    return created;
  }

  /** Submits a job and plays a worker that completes it; answers the job id. */
  private String completeAJob() {
    String media = Api.uploadPng(16, 16);
    String job = Api.submitResize(media, 8, 8);
    finish(job, media);
    return job;
  }

  private static void finish(String job, String media) {
    String tenant = asTenant().get("/v1/account").then().extract().path("id");
    WorkerEvents worker = new WorkerEvents(job, tenant);
    worker.started();
    worker.completed(
        new JobResult(
            Ids.media(),
            StorageKeys.media(tenant, media),
            "image/png",
            TestImages.png(16, 16).length,
            16,
            16));
    await()
        .atMost(WAIT)
        .untilAsserted(
            () -> asTenant().get("/v1/jobs/" + job).then().body("status", equalTo("completed")));
  }

  /** Submits a job whose queued and completed events go to {@code path} of the receiver. */
  private String submitWithOwnUrl(String media, String path) {
    return asTenant()
        .contentType(ContentType.JSON)
        .body(
            """
            {"input": {"media_id": "%s"}, "preset": "avatar",
             "webhook_url": "%s", "webhook_events": ["job.queued", "job.completed"]}"""
                .formatted(media, receiver.url(path)))
        .post("/v1/jobs")
        .then()
        .statusCode(202)
        .extract()
        .path("id");
  }

  private Received awaitOne(String path) {
    await().atMost(WAIT).until(() -> !receiver.receivedOn(path).isEmpty());
    return receiver.receivedOn(path).getFirst();
  }

  private static JsonPath awaitDelivery(String endpoint, String status) {
    return awaitDelivery(endpoint, status, WAIT);
  }

  private static JsonPath awaitDelivery(String endpoint, String status, Duration within) {
    return await()
        .atMost(within)
        .until(
            () ->
                asTenant()
                    .get("/v1/webhook-endpoints/" + endpoint + "/deliveries")
                    .then()
                    .statusCode(200)
                    .extract()
                    .jsonPath(),
            page -> status.equals(page.getString("data[0].status")));
  }

  private List<String> types(List<Received> deliveries) throws Exception {
    List<String> types = new ArrayList<>();
    for (Received delivery : deliveries) {
      types.add(json.readTree(delivery.body()).get("type").asText());
    }
    return types;
  }

  private Set<ValidationMessage> schemaErrors(String type, JsonNode payload) throws Exception {
    JsonNode schema =
        json.readTree(
                asTenant()
                    .get("/v1/webhooks/event-schema")
                    .then()
                    .statusCode(200)
                    .extract()
                    .asString())
            .get("schemas")
            .get(type);
    return JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012)
        .getSchema(schema)
        .validate(payload);
  }
}
