package dev.kiln.api.credits;

import static dev.kiln.api.support.Admin.asOperator;
import static dev.kiln.api.support.Admin.createKey;
import static dev.kiln.api.support.Admin.createTenant;
import static dev.kiln.api.support.Admin.withKey;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

import dev.kiln.api.support.Submits;
import dev.kiln.infra.KilnTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The operator meters a tenant by granting credits and sets its queue cap; its submits obey. */
@QuarkusTest
@QuarkusTestResource(value = KilnTestResource.class, restrictToAnnotatedClass = false)
class CreditGrantTest {

  @Test
  void aGrantMetersTheTenantAndItsSubmitsSpendIt() {
    String tenant = createTenant("metered");
    String key = createKey(tenant, "main");
    asOperator()
        .get("/v1/admin/tenants/" + tenant)
        .then()
        .body("credits.metered", equalTo(false))
        .body("credits.balance", nullValue());

    grant(tenant, "{\"amount\": 2, \"note\": \"trial\"}")
        .then()
        .statusCode(200)
        .body("credits.metered", equalTo(true))
        .body("credits.balance", equalTo(2));
    String media = Submits.upload(withKey(key));
    Submits.resize(withKey(key), media, null).then().statusCode(202);
    Submits.resize(withKey(key), media, null).then().statusCode(202);
    Submits.resize(withKey(key), media, null).then().statusCode(402).body("balance", equalTo(0));

    withKey(key)
        .get("/v1/account/ledger")
        .then()
        .body("data.kind", equalTo(List.of("reserve", "reserve", "grant")))
        .body("data[2].note", equalTo("trial"))
        .body("data[2].balance_after", equalTo(2));
    asOperator().get("/v1/admin/tenants/" + tenant).then().body("credits.balance", equalTo(0));
  }

  @Test
  void aCorrectionNeverTakesTheBalanceBelowZero() {
    String tenant = createTenant("corrected");
    grant(tenant, "{\"amount\": 5}").then().statusCode(200);
    grant(tenant, "{\"amount\": -6}")
        .then()
        .statusCode(422)
        .body("code", equalTo("validation_failed"))
        .body("errors[0].field", equalTo("amount"));
    grant(tenant, "{\"amount\": -5}").then().statusCode(200).body("credits.balance", equalTo(0));
  }

  @Test
  void badGrantsAreProblems() {
    String tenant = createTenant("bad grants");
    for (String body :
        List.of(
            "{}", "{\"amount\": 0}", "{\"amount\": 1, \"note\": \"" + "x".repeat(501) + "\"}")) {
      grant(tenant, body).then().statusCode(422).body("code", equalTo("validation_failed"));
    }
    grant("ten_01M958WV7GEV38M03D2XXMDB92", "{\"amount\": 1}").then().statusCode(404);
    withKey(createKey(tenant, "not an operator"))
        .contentType(ContentType.JSON)
        .body("{\"amount\": 1}")
        .post("/v1/admin/tenants/" + tenant + "/credits")
        .then()
        .statusCode(403);
  }

  @Test
  void theOperatorSetsTheQueueCap() {
    String tenant = createTenant("capped");
    String key = createKey(tenant, "main");
    asOperator()
        .contentType(ContentType.JSON)
        .body("{\"max_queued_jobs\": 1}")
        .patch("/v1/admin/tenants/" + tenant + "/limits")
        .then()
        .statusCode(200)
        .body("limits.max_queued_jobs", equalTo(1));
    String media = Submits.upload(withKey(key));
    Submits.resize(withKey(key), media, null).then().statusCode(202);
    Submits.resize(withKey(key), media, null)
        .then()
        .statusCode(429)
        .body("code", equalTo("queue_limit_reached"));
  }

  private static io.restassured.response.Response grant(String tenant, String body) {
    return asOperator()
        .contentType(ContentType.JSON)
        .body(body)
        .post("/v1/admin/tenants/" + tenant + "/credits");
  }
}
