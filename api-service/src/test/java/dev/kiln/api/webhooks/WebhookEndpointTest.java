package dev.kiln.api.webhooks;

import static dev.kiln.api.support.Api.asTenant;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;

import dev.kiln.api.support.Api;
import dev.kiln.api.support.Tenants;
import dev.kiln.api.support.Webhooks;
import dev.kiln.infra.KilnTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Registering, changing and protecting webhook endpoints (no delivery needed). */
@QuarkusTest
@QuarkusTestResource(value = KilnTestResource.class, restrictToAnnotatedClass = false)
class WebhookEndpointTest {

  private static final String RECEIVER = "http://127.0.0.1:9/hooks";

  @Inject Pool pool;

  @Test
  void anEndpointIsCreatedWithASecretShownOnceAndTerminalEventsByDefault() {
    JsonPath created =
        asTenant()
            .contentType(ContentType.JSON)
            .body("{\"url\": \"" + RECEIVER + "\", \"description\": \"orders\"}")
            .post("/v1/webhook-endpoints")
            .then()
            .statusCode(201)
            .header("Location", containsString("/v1/webhook-endpoints/whe_"))
            .body("object", equalTo("webhook_endpoint"))
            .body("enabled", equalTo(true))
            .body("include_result", equalTo(false))
            .body("description", equalTo("orders"))
            .extract()
            .jsonPath();
    String id = created.getString("id");
    assertThat(created.getString("secret")).startsWith("whsec_");
    assertThat(created.getList("events"))
        .containsExactly("job.completed", "job.failed", "job.cancelled", "job.expired");

    asTenant()
        .get("/v1/webhook-endpoints/" + id)
        .then()
        .statusCode(200)
        .body("url", equalTo(RECEIVER))
        .body("secret", nullValue());
    asTenant()
        .get("/v1/webhook-endpoints")
        .then()
        .statusCode(200)
        .body("object", equalTo("list"))
        .body("data.id", hasItem(id))
        .body("data.secret", not(hasItem(org.hamcrest.Matchers.notNullValue())));

    // Stored encrypted: the database does not hold the secret in clear.
    byte[] stored =
        pool.preparedQuery("select secret from webhook_endpoints where id = $1")
            .execute(Tuple.of(id))
            .await()
            .atMost(Duration.ofSeconds(5))
            .iterator()
            .next()
            .getBuffer("secret")
            .getBytes();
    assertThat(new String(stored, java.nio.charset.StandardCharsets.ISO_8859_1))
        .doesNotContain(created.getString("secret").substring(6));
  }

  @Test
  void anEndpointIsChangedDisabledReEnabledAndDeleted() {
    String id = Webhooks.createEndpoint(RECEIVER, List.of("job.completed")).getString("id");
    asTenant()
        .contentType(ContentType.JSON)
        .body("{\"events\": [\"job.queued\", \"job.completed\"], \"enabled\": false}")
        .patch("/v1/webhook-endpoints/" + id)
        .then()
        .statusCode(200)
        .body("events", equalTo(List.of("job.queued", "job.completed")))
        .body("enabled", equalTo(false))
        .body("disabled_reason", equalTo("disabled by the account"));
    asTenant()
        .post("/v1/webhook-endpoints/" + id + "/test")
        .then()
        .statusCode(409)
        .body("code", equalTo("webhook_endpoint_disabled"));
    asTenant()
        .contentType(ContentType.JSON)
        .body("{\"enabled\": true}")
        .patch("/v1/webhook-endpoints/" + id)
        .then()
        .statusCode(200)
        .body("enabled", equalTo(true))
        .body("disabled_reason", nullValue());
    asTenant().delete("/v1/webhook-endpoints/" + id).then().statusCode(204);
    asTenant()
        .get("/v1/webhook-endpoints/" + id)
        .then()
        .statusCode(404)
        .body("code", equalTo("not_found"));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "http://10.0.0.1/hook",
        "http://169.254.169.254/latest/meta-data",
        "http://[::ffff:10.0.0.1]/hook",
        "http://127.0.0.2/hook",
        "http://localhost/hook",
        "http://192.168.0.1/hook",
        "file:///etc/passwd",
        "not a url"
      })
  void blockedTargetsAreRefusedWithAClearProblem(String url) {
    asTenant()
        .contentType(ContentType.JSON)
        .body("{\"url\": \"" + url + "\"}")
        .post("/v1/webhook-endpoints")
        .then()
        .statusCode(422)
        .contentType("application/problem+json")
        .body("code", equalTo("validation_failed"))
        .body("errors[0].field", equalTo("url"));
  }

  @Test
  void badFieldsAreNamed() {
    asTenant()
        .contentType(ContentType.JSON)
        .body(
            "{\"url\": \""
                + RECEIVER
                + "\", \"events\": [\"job.done\"], \"description\": \""
                + "x".repeat(501)
                + "\"}")
        .post("/v1/webhook-endpoints")
        .then()
        .statusCode(422)
        .body("errors.field", equalTo(List.of("events[0]", "description")));
    asTenant()
        .get("/v1/webhook-endpoints?limit=0&cursor=bogus")
        .then()
        .statusCode(422)
        .body("errors.field", equalTo(List.of("limit", "cursor")));
  }

  @Test
  void listsArePagedNewestFirst() {
    String first = Webhooks.createEndpoint(RECEIVER, List.of("job.completed")).getString("id");
    String second = Webhooks.createEndpoint(RECEIVER, List.of("job.completed")).getString("id");
    JsonPath page = asTenant().get("/v1/webhook-endpoints?limit=1").then().extract().jsonPath();
    assertThat(page.getList("data.id")).containsExactly(second);
    String cursor = page.getString("next_cursor");
    assertThat(cursor).isEqualTo(second);
    assertThat(
            asTenant()
                .get("/v1/webhook-endpoints?limit=1&cursor=" + cursor)
                .then()
                .extract()
                .jsonPath()
                .getList("data.id"))
        .containsExactly(first);
  }

  @Test
  void anotherTenantsEndpointsAndDeliveriesAreNotFound() {
    String id = Webhooks.createEndpoint(RECEIVER, List.of("job.completed")).getString("id");
    String delivery =
        asTenant()
            .post("/v1/webhook-endpoints/" + id + "/test")
            .then()
            .statusCode(202)
            .extract()
            .path("id");
    var other = Tenants.another(pool);

    other.get("/v1/webhook-endpoints/" + id).then().statusCode(404);
    other
        .contentType(ContentType.JSON)
        .body("{\"enabled\": false}")
        .patch("/v1/webhook-endpoints/" + id)
        .then()
        .statusCode(404);
    other.delete("/v1/webhook-endpoints/" + id).then().statusCode(404);
    other.post("/v1/webhook-endpoints/" + id + "/rotate-secret").then().statusCode(404);
    other.post("/v1/webhook-endpoints/" + id + "/test").then().statusCode(404);
    other.get("/v1/webhook-endpoints/" + id + "/deliveries").then().statusCode(404);
    other.get("/v1/webhook-deliveries/" + delivery).then().statusCode(404);
    other.post("/v1/webhook-deliveries/" + delivery + "/redeliver").then().statusCode(404);
    other.get("/v1/webhook-endpoints").then().statusCode(200).body("data.id", not(hasItem(id)));
    asTenant().get("/v1/webhook-endpoints/" + id).then().statusCode(200);
  }

  @Test
  void aJobsWebhookFieldsAreChecked() {
    String media = Api.uploadPng(8, 8);
    var other = Tenants.another(pool);
    String otherMedia =
        other
            .contentType("image/png")
            .body(dev.kiln.api.support.TestImages.png(8, 8))
            .post("/v1/media")
            .then()
            .statusCode(201)
            .extract()
            .path("id");
    // A fresh account has no webhook secret yet.
    other.get("/v1/account").then().body("webhooks.secret_exists", equalTo(false));
    other
        .contentType(ContentType.JSON)
        .body(
            "{\"input\": {\"media_id\": \"%s\"}, \"preset\": \"avatar\", \"webhook_url\": \"%s\"}"
                .formatted(otherMedia, RECEIVER))
        .post("/v1/jobs")
        .then()
        .statusCode(422)
        .body("code", equalTo("webhook_secret_missing"));
    asTenant()
        .contentType(ContentType.JSON)
        .body(
            "{\"input\": {\"media_id\": \"%s\"}, \"preset\": \"avatar\",".formatted(media)
                + " \"webhook_url\": \"http://10.1.2.3/x\", \"webhook_events\": [\"job.nope\"]}")
        .post("/v1/jobs")
        .then()
        .statusCode(422)
        .body("errors.field", equalTo(List.of("webhook_url", "webhook_events[0]")));
    asTenant()
        .contentType(ContentType.JSON)
        .body(
            "{\"input\": {\"media_id\": \"%s\"}, \"preset\": \"avatar\", \"webhook_events\": [\"job.completed\"]}"
                .formatted(media))
        .post("/v1/jobs")
        .then()
        .statusCode(422)
        .body("errors[0].field", equalTo("webhook_events"));
  }

  @Test
  void theAccountSecretIsShownOnlyWhenCreated() {
    String first = Webhooks.createAccountSecret();
    String second = Webhooks.createAccountSecret();
    assertThat(first).startsWith("whsec_").isNotEqualTo(second);
    asTenant()
        .get("/v1/account")
        .then()
        .statusCode(200)
        .body("webhooks.secret_exists", equalTo(true))
        .body("webhooks.secret_created_at", org.hamcrest.Matchers.notNullValue());
    asTenant()
        .get("/v1/account/webhook-secret")
        .then()
        .statusCode(200)
        .body("exists", equalTo(true))
        .body("secret", nullValue())
        .body("previous_secret_expires_at", org.hamcrest.Matchers.notNullValue());
  }

  @Test
  void theOpenApiDocumentDescribesEveryWebhookPath() {
    String document =
        io.restassured.RestAssured.get("/q/openapi?format=json")
            .then()
            .statusCode(200)
            .extract()
            .asString();
    for (String path :
        List.of(
            "/v1/webhook-endpoints",
            "/v1/webhook-endpoints/{id}",
            "/v1/webhook-endpoints/{id}/rotate-secret",
            "/v1/webhook-endpoints/{id}/test",
            "/v1/webhook-endpoints/{id}/deliveries",
            "/v1/webhook-deliveries/{id}",
            "/v1/webhook-deliveries/{id}/redeliver",
            "/v1/jobs/{id}/deliveries",
            "/v1/webhooks/event-schema",
            "/v1/account/webhook-secret")) {
      assertThat(document).contains("\"" + path + "\"");
    }
  }

  @Test
  void theEventSchemaNamesEveryType() {
    // A key seen for the first time: its lookup runs where the resource method runs.
    Tenants.another(pool)
        .get("/v1/webhooks/event-schema")
        .then()
        .statusCode(200)
        .body("schemas.keySet()", hasItem("job.completed"))
        .body("schemas.'job.completed'.properties.type.const", equalTo("job.completed"))
        .body(
            "schemas.'webhook.test'.properties.data.properties.endpoint_id",
            org.hamcrest.Matchers.notNullValue());
  }
}
