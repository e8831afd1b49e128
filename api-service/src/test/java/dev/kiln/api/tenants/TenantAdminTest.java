package dev.kiln.api.tenants;

import static dev.kiln.api.support.Admin.asOperator;
import static dev.kiln.api.support.Admin.createKey;
import static dev.kiln.api.support.Admin.createTenant;
import static dev.kiln.api.support.Admin.patchLimits;
import static dev.kiln.api.support.Admin.withKey;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;

import dev.kiln.infra.KilnTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The operator creates tenants and keys; keys work at once and stop at once when revoked. */
@QuarkusTest
@QuarkusTestResource(value = KilnTestResource.class, restrictToAnnotatedClass = false)
class TenantAdminTest {

  @Inject Pool pool;

  @Test
  void createsListsAndGetsTenants() {
    String id =
        asOperator()
            .contentType(ContentType.JSON)
            .body("{\"name\": \"  Acme  \"}")
            .post("/v1/admin/tenants")
            .then()
            .statusCode(201)
            .header("Location", org.hamcrest.Matchers.containsString("/v1/admin/tenants/ten_"))
            .body("object", equalTo("tenant"))
            .body("name", equalTo("Acme"))
            .body("created_at", notNullValue())
            .body("limits.rate_limit_per_second", equalTo(100000))
            .body("limits.rate_limit_default", equalTo(true))
            .extract()
            .path("id");
    assertThat(id).startsWith("ten_");

    asOperator()
        .get("/v1/admin/tenants/" + id)
        .then()
        .statusCode(200)
        .body("name", equalTo("Acme"));
    asOperator()
        .get("/v1/admin/tenants?limit=100")
        .then()
        .statusCode(200)
        .body("object", equalTo("list"))
        .body("data.id", hasItem(id));
  }

  @Test
  void pagesThroughTenantsNewestFirst() {
    String older = createTenant("paged-1");
    String newer = createTenant("paged-2");
    List<String> first =
        asOperator().get("/v1/admin/tenants?limit=1").then().extract().path("data.id");
    assertThat(first).containsExactly(newer);
    String cursor =
        asOperator().get("/v1/admin/tenants?limit=1").then().extract().path("next_cursor");
    asOperator()
        .get("/v1/admin/tenants?limit=1&cursor=" + cursor)
        .then()
        .statusCode(200)
        .body("data[0].id", equalTo(older));
  }

  @Test
  void rejectsBadInputWithTheFieldNamed() {
    asOperator()
        .contentType(ContentType.JSON)
        .body("{\"name\": \"  \"}")
        .post("/v1/admin/tenants")
        .then()
        .statusCode(422)
        .body("code", equalTo("validation_failed"))
        .body("errors[0].field", equalTo("name"));
    asOperator()
        .post("/v1/admin/tenants")
        .then()
        .statusCode(422)
        .body("code", equalTo("validation_failed"))
        .body("errors[0].field", equalTo("name"));
    asOperator()
        .contentType(ContentType.JSON)
        .body("{\"name\": ")
        .post("/v1/admin/tenants")
        .then()
        .statusCode(400)
        .body("code", equalTo("malformed_json"));
    String id = createTenant("strict");
    patchLimits(id, "{\"rate_limit_per_second\": -1, \"rate_limit_burst\": 0}")
        .statusCode(422)
        .body("errors.field", equalTo(List.of("rate_limit_per_second", "rate_limit_burst")));
    patchLimits(id, "{\"rate_limit_per_second\": \"fast\"}")
        .statusCode(422)
        .body("errors[0].field", equalTo("rate_limit_per_second"));
    asOperator()
        .patch("/v1/admin/tenants/" + id + "/limits")
        .then()
        .statusCode(422)
        .body("code", equalTo("validation_failed"));
  }

  @Test
  void unknownTenantsAndKeysAreNotFound() {
    asOperator().get("/v1/admin/tenants/ten_nope").then().statusCode(404);
    asOperator()
        .get("/v1/admin/tenants/ten_06F8Q3KX0E1TG8P0Q6V1S1M9ZC")
        .then()
        .statusCode(404)
        .body("code", equalTo("not_found"));
    asOperator()
        .post("/v1/admin/tenants/ten_06F8Q3KX0E1TG8P0Q6V1S1M9ZC/keys")
        .then()
        .statusCode(404);
    String id = createTenant("keyless");
    asOperator()
        .delete("/v1/admin/tenants/" + id + "/keys/key_nope")
        .then()
        .statusCode(404)
        .body("code", equalTo("not_found"));
  }

  @Test
  void aNewKeyWorksAtOnceAndARevokedOneIsRefused() {
    String tenant = createTenant("key-lifecycle");
    Map<String, Object> created =
        asOperator()
            .contentType(ContentType.JSON)
            .body("{\"name\": \"ci\"}")
            .post("/v1/admin/tenants/" + tenant + "/keys")
            .then()
            .statusCode(201)
            .body("object", equalTo("api_key"))
            .body("tenant_id", equalTo(tenant))
            .body("name", equalTo("ci"))
            .body("revoked_at", nullValue())
            .extract()
            .path("");
    String key = (String) created.get("key");
    assertThat(key).startsWith("kiln_sk_").hasSize(40);
    assertThat(created.get("prefix")).isEqualTo(key.substring(0, 12));

    withKey(key).get("/v1/account").then().statusCode(200).body("id", equalTo(tenant));

    asOperator()
        .get("/v1/admin/tenants/" + tenant + "/keys")
        .then()
        .statusCode(200)
        .body("data[0].id", equalTo(created.get("id")))
        .body("data[0].prefix", startsWith("kiln_sk_"))
        .body("data[0].key", nullValue())
        .body("data[0].created_at", notNullValue());

    asOperator()
        .delete("/v1/admin/tenants/" + tenant + "/keys/" + created.get("id"))
        .then()
        .statusCode(200)
        .body("revoked_at", notNullValue())
        .body("key", nullValue());
    withKey(key).get("/v1/account").then().statusCode(401).body("code", equalTo("unauthorized"));
    asOperator()
        .delete("/v1/admin/tenants/" + tenant + "/keys/" + created.get("id"))
        .then()
        .statusCode(200);
  }

  @Test
  void aTenantHasSeveralKeysAndKeysCreateWithoutABody() {
    String tenant = createTenant("two-keys");
    String first = createKey(tenant, "one");
    String second =
        asOperator()
            .post("/v1/admin/tenants/" + tenant + "/keys")
            .then()
            .statusCode(201)
            .body("name", nullValue())
            .extract()
            .path("key");
    withKey(first).get("/v1/account").then().statusCode(200);
    withKey(second).get("/v1/account").then().statusCode(200);
    asOperator()
        .get("/v1/admin/tenants/" + tenant + "/keys")
        .then()
        .body("data.size()", equalTo(2));
  }

  /** Another instance's revocation arrives by notification, well before the cache expires. */
  @Test
  void aKeyRevokedElsewhereIsRefusedWithinSeconds() {
    String tenant = createTenant("revoked-elsewhere");
    String key = createKey(tenant, "cached");
    withKey(key).get("/v1/account").then().statusCode(200);

    pool.preparedQuery("update api_keys set revoked_at = now() where key_hash = $1")
        .execute(Tuple.of(ApiKeyHasher.hash(key)))
        .await()
        .atMost(Duration.ofSeconds(10));

    await()
        .atMost(Duration.ofSeconds(3))
        .untilAsserted(() -> withKey(key).get("/v1/account").then().statusCode(401));
  }

  @Test
  void recordsWhenAKeyWasLastUsed() {
    String tenant = createTenant("last-used");
    String key = createKey(tenant, "used");
    asOperator()
        .get("/v1/admin/tenants/" + tenant + "/keys")
        .then()
        .body("data[0].last_used_at", nullValue());
    withKey(key).get("/v1/account").then().statusCode(200);
    await()
        .atMost(Duration.ofSeconds(5))
        .untilAsserted(
            () ->
                asOperator()
                    .get("/v1/admin/tenants/" + tenant + "/keys")
                    .then()
                    .body("data[0].last_used_at", notNullValue()));
  }
}
