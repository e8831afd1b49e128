package dev.kiln.api.live;

import static dev.kiln.api.support.Api.asTenant;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;

import dev.kiln.api.support.Admin;
import dev.kiln.api.support.Api;
import dev.kiln.api.support.Submits;
import dev.kiln.infra.KilnTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import io.restassured.specification.RequestSpecification;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Streams opened the way a browser's native {@code EventSource} opens them: no header of its own, a
 * stream token in the URL, from a web page's origin that the CORS configuration allows ({@code
 * https://console.example} in the test profile).
 */
@QuarkusTest
@QuarkusTestResource(value = KilnTestResource.class, restrictToAnnotatedClass = false)
@Timeout(value = 90, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class StreamTokenTest {

  private static final String ORIGIN = "https://console.example";

  @TestHTTPResource("/")
  URI base;

  @Test
  void aPageOfAnAllowedOriginOpensAJobStreamWithAToken() throws Exception {
    given()
        .header("Origin", ORIGIN)
        .header("Access-Control-Request-Method", "POST")
        .header("Access-Control-Request-Headers", "authorization,content-type")
        .options("/v1/stream-tokens")
        .then()
        .statusCode(200)
        .header("Access-Control-Allow-Origin", ORIGIN)
        .header("Access-Control-Allow-Headers", containsString("Authorization"));
    String jobId = submit();
    Instant before = Instant.now();

    ValidatableResponse issued =
        asTenant()
            .header("Origin", ORIGIN)
            .contentType(ContentType.JSON)
            .body("{\"job_id\": \"" + jobId + "\"}")
            .post("/v1/stream-tokens")
            .then()
            .statusCode(201)
            .header("Access-Control-Allow-Origin", ORIGIN)
            .body("object", equalTo("stream_token"))
            .body("job_id", equalTo(jobId))
            .body("token", startsWith("kst_"));
    Instant expiresAt = Instant.parse(issued.extract().path("expires_at"));
    assertThat(Duration.between(before, expiresAt))
        .as("the default lifetime")
        .isBetween(Duration.ofSeconds(290), Duration.ofSeconds(310));

    String token = issued.extract().path("token");
    try (SseConnection stream =
        SseConnection.open(
            base.resolve("/v1/jobs/" + jobId + "/events?access_token=" + token),
            null,
            Map.of("Origin", ORIGIN))) {
      assertThat(stream.answer().statusCode()).isEqualTo(200);
      assertThat(stream.answer().headers().firstValue("Access-Control-Allow-Origin"))
          .contains(ORIGIN);
      stream.awaitFirstLine();
      SseConnection.Event queued = stream.nextEvent();
      assertThat(queued.name()).isEqualTo("job.queued");
      assertThat(queued.data()).contains(jobId);
    }
  }

  @Test
  void anAccountTokenOpensTheAccountStream() throws Exception {
    String token = token("{}");
    try (SseConnection stream =
        SseConnection.open(base.resolve("/v1/events?access_token=" + token), null, Map.of())) {
      stream.awaitFirstLine();
      String jobId = submit();
      SseConnection.Event queued = stream.nextEvent();
      assertThat(queued.name()).isEqualTo("job.queued");
      assertThat(queued.data()).contains(jobId);
    }
  }

  @Test
  void aJobTokenOpensThatJobsStreamsOnly() {
    String jobId = submit();
    String other = submit();
    String token = token("{\"job_id\": \"" + jobId + "\"}");

    stream("/v1/jobs/" + other + "/events?access_token=" + token)
        .statusCode(403)
        .body("code", equalTo("forbidden"));
    stream("/v1/events?access_token=" + token).statusCode(403).body("code", equalTo("forbidden"));
    given()
        .get("/v1/jobs/" + jobId + "?access_token=" + token)
        .then()
        .statusCode(401)
        .header("WWW-Authenticate", containsString("invalid_token"))
        .body("code", equalTo("unauthorized"));
  }

  @Test
  void anApiKeyIsNeverAcceptedInTheUrl() {
    stream("/v1/events?access_token=" + Api.key())
        .statusCode(401)
        .header("WWW-Authenticate", "Bearer realm=\"kiln\", error=\"invalid_token\"");
  }

  @Test
  void aRequestWithoutCredentialsIsChallenged() {
    given()
        .get("/v1/jobs")
        .then()
        .statusCode(401)
        .header("WWW-Authenticate", "Bearer realm=\"kiln\"");
  }

  @Test
  void expiredAndAlteredTokensAreRefused() throws Exception {
    String expiring = token("{\"ttl_seconds\": 1}");
    String altered = token("{}");
    int inSignature = altered.length() - 10;
    altered =
        altered.substring(0, inSignature)
            + (altered.charAt(inSignature) == 'A' ? 'B' : 'A')
            + altered.substring(inSignature + 1);

    stream("/v1/events?access_token=" + altered)
        .statusCode(401)
        .header("WWW-Authenticate", containsString("invalid_token"));
    Thread.sleep(2100);
    stream("/v1/events?access_token=" + expiring)
        .statusCode(401)
        .header("WWW-Authenticate", containsString("invalid_token"));
  }

  @Test
  void revokingTheKeyEndsItsTokens() throws Exception {
    String tenant = Admin.createTenant("token revocation");
    ValidatableResponse created =
        Admin.asOperator()
            .contentType(ContentType.JSON)
            .body("{\"name\": \"browser\"}")
            .post("/v1/admin/tenants/" + tenant + "/keys")
            .then()
            .statusCode(201);
    String key = created.extract().path("key");
    String keyId = created.extract().path("id");
    String token =
        Admin.withKey(key)
            .contentType(ContentType.JSON)
            .body("{}")
            .post("/v1/stream-tokens")
            .then()
            .statusCode(201)
            .extract()
            .path("token");
    try (SseConnection open =
        SseConnection.open(base.resolve("/v1/events?access_token=" + token), null, Map.of())) {
      assertThat(open.answer().statusCode()).as("before the revocation").isEqualTo(200);
    }

    Admin.asOperator()
        .delete("/v1/admin/tenants/" + tenant + "/keys/" + keyId)
        .then()
        .statusCode(200);

    stream("/v1/events?access_token=" + token).statusCode(401);
  }

  @Test
  void tokenRequestsAreValidated() {
    issue("{\"ttl_seconds\": 0}").statusCode(422).body("errors[0].field", equalTo("ttl_seconds"));
    issue("{\"ttl_seconds\": 3601}")
        .statusCode(422)
        .body("errors[0].field", equalTo("ttl_seconds"));
    issue("{\"job_id\": \"nope\"}").statusCode(422).body("errors[0].field", equalTo("job_id"));
    issue("{\"job_id\": \"job_00000000000000000000000000\"}")
        .statusCode(422)
        .body("errors[0].field", equalTo("job_id"));
  }

  @Test
  void aPageOfAnOriginNotAllowedIsRefused() {
    given()
        .header("Origin", "https://elsewhere.example")
        .header("Access-Control-Request-Method", "POST")
        .options("/v1/stream-tokens")
        .then()
        .statusCode(403)
        .header("Access-Control-Allow-Origin", nullValue());
    asTenant()
        .header("Origin", "https://elsewhere.example")
        .get("/v1/account")
        .then()
        .statusCode(403)
        .contentType("application/problem+json")
        .header("Access-Control-Allow-Origin", nullValue())
        .body("code", equalTo("origin_not_allowed"));
  }

  private static String submit() {
    RequestSpecification as = asTenant();
    return Submits.resize(as, Submits.upload(asTenant()), null)
        .then()
        .statusCode(202)
        .extract()
        .path("id");
  }

  private static String token(String body) {
    return issue(body).statusCode(201).extract().path("token");
  }

  private static ValidatableResponse issue(String body) {
    return asTenant().contentType(ContentType.JSON).body(body).post("/v1/stream-tokens").then();
  }

  /** A stream request as an EventSource sends it: no Authorization header. */
  private static ValidatableResponse stream(String pathAndQuery) {
    return given().header("Accept", "text/event-stream").get(pathAndQuery).then();
  }
}
