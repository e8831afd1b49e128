package dev.kiln.api.support;

import static io.restassured.RestAssured.given;

import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import io.restassured.specification.RequestSpecification;
import org.eclipse.microprofile.config.ConfigProvider;

/** Requests to the admin API with the test profile's operator key, and what they create. */
public final class Admin {

  private Admin() {}

  public static RequestSpecification asOperator() {
    String key = ConfigProvider.getConfig().getValue("kiln.admin.key", String.class);
    return given().header("Authorization", "Bearer " + key);
  }

  /** Creates a tenant and answers its id. */
  public static String createTenant(String name) {
    return asOperator()
        .contentType(ContentType.JSON)
        .body("{\"name\": \"" + name + "\"}")
        .post("/v1/admin/tenants")
        .then()
        .statusCode(201)
        .extract()
        .path("id");
  }

  /** Creates an API key of the tenant and answers the key itself. */
  public static String createKey(String tenantId, String name) {
    return asOperator()
        .contentType(ContentType.JSON)
        .body("{\"name\": \"" + name + "\"}")
        .post("/v1/admin/tenants/" + tenantId + "/keys")
        .then()
        .statusCode(201)
        .extract()
        .path("key");
  }

  /** {@code PATCH /v1/admin/tenants/{id}/limits} with a JSON body, answer not yet checked. */
  public static ValidatableResponse patchLimits(String tenantId, String json) {
    return asOperator()
        .contentType(ContentType.JSON)
        .body(json)
        .patch("/v1/admin/tenants/" + tenantId + "/limits")
        .then();
  }

  public static RequestSpecification withKey(String key) {
    return given().header("Authorization", "Bearer " + key);
  }
}
