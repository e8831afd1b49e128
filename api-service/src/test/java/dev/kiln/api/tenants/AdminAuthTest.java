package dev.kiln.api.tenants;

import static dev.kiln.api.support.Admin.asOperator;
import static dev.kiln.api.support.Api.asTenant;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

import dev.kiln.api.support.Admin;
import dev.kiln.infra.KilnTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;

/** Who may use the admin API: only the operator key. */
@QuarkusTest
@QuarkusTestResource(value = KilnTestResource.class, restrictToAnnotatedClass = false)
class AdminAuthTest {

  @TestHTTPResource("/")
  URI root;

  @Test
  void withoutAKeyIsUnauthorized() {
    given()
        .get("/v1/admin/tenants")
        .then()
        .statusCode(401)
        .contentType("application/problem+json")
        .body("code", equalTo("unauthorized"));
  }

  @Test
  void aWrongKeyIsUnauthorized() {
    given()
        .header("Authorization", "Bearer kiln_admin_not_the_operator_key")
        .get("/v1/admin/tenants")
        .then()
        .statusCode(401)
        .body("code", equalTo("unauthorized"));
    given()
        .header("X-API-Key", "kiln_admin_test_operator_kez")
        .get("/v1/admin/tenants")
        .then()
        .statusCode(401)
        .body("code", equalTo("unauthorized"));
  }

  @Test
  void aTenantsApiKeyIsForbidden() {
    asTenant().get("/v1/admin/tenants").then().statusCode(403).body("code", equalTo("forbidden"));
    asTenant()
        .post("/v1/admin/tenants/ten_x/keys")
        .then()
        .statusCode(403)
        .body("code", equalTo("forbidden"));
  }

  @Test
  void theOperatorKeyPassesAndHasNoRateLimitHeaders() {
    asOperator()
        .get("/v1/admin/tenants")
        .then()
        .statusCode(200)
        .body("object", equalTo("list"))
        .header("RateLimit", nullValue());
    asOperator().header("X-API-Key", "ignored").get("/v1/admin/tenants").then().statusCode(200);
  }

  @Test
  void theOperatorKeyIsNoTenantKey() {
    asOperator().get("/v1/account").then().statusCode(401).body("code", equalTo("unauthorized"));
  }

  @Test
  void unknownAdminPathsAreNotFound() {
    asOperator().get("/v1/admin/nothing").then().statusCode(404).body("code", equalTo("not_found"));
  }

  @Test
  void aBodyThatIsNotJsonIsUnsupported() {
    asOperator()
        .body("name=acme")
        .post("/v1/admin/tenants")
        .then()
        .statusCode(415)
        .body("code", equalTo("unsupported_media_type"));
  }

  /** What {@code curl -X POST} sends: no body, no Content-Type. */
  @Test
  void aPostWithoutBodyOrContentTypeIsA422OrAccepted() throws Exception {
    HttpResponse<String> tenant = bareRequest("POST", "/v1/admin/tenants");
    assertThat(tenant.statusCode()).isEqualTo(422);
    assertThat(tenant.body()).contains("\"field\":\"name\"");

    String id = Admin.createTenant("bare");
    assertThat(bareRequest("POST", "/v1/admin/tenants/" + id + "/keys").statusCode())
        .isEqualTo(201);
    assertThat(bareRequest("PATCH", "/v1/admin/tenants/" + id + "/limits").statusCode())
        .isEqualTo(422);
    assertThat(bareRequest("DELETE", "/v1/admin/tenants/" + id + "/keys/key_x").statusCode())
        .isEqualTo(404);
  }

  private HttpResponse<String> bareRequest(String method, String path) throws Exception {
    return HttpClient.newHttpClient()
        .send(
            HttpRequest.newBuilder(root.resolve(path))
                .method(method, HttpRequest.BodyPublishers.noBody())
                .header("Authorization", "Bearer kiln_admin_test_operator_key")
                .build(),
            HttpResponse.BodyHandlers.ofString());
  }
}
