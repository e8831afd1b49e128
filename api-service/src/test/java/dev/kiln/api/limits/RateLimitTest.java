package dev.kiln.api.limits;

import static dev.kiln.api.support.Admin.createKey;
import static dev.kiln.api.support.Admin.createTenant;
import static dev.kiln.api.support.Admin.patchLimits;
import static dev.kiln.api.support.Admin.withKey;
import static dev.kiln.api.support.Api.asTenant;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.nullValue;

import dev.kiln.infra.KilnTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import org.junit.jupiter.api.Test;

/** Each key's requests are limited by its tenant's limits; the answers say how far. */
@QuarkusTest
@QuarkusTestResource(value = KilnTestResource.class, restrictToAnnotatedClass = false)
class RateLimitTest {

  @Test
  void aKeyOverItsLimitIsAnswered429WithRetryAfter() {
    String tenant = createTenant("throttled");
    String key = createKey(tenant, "busy");
    withKey(key)
        .get("/v1/account")
        .then()
        .statusCode(200)
        .header("RateLimit", "limit=100000, remaining=99999, reset=1")
        .header("RateLimit-Policy", "100000;w=1");

    patchLimits(tenant, "{\"rate_limit_per_second\": 1, \"rate_limit_burst\": 3}")
        .statusCode(200)
        .body("limits.rate_limit_per_second", equalTo(1))
        .body("limits.rate_limit_burst", equalTo(3))
        .body("limits.rate_limit_default", equalTo(false));

    withKey(key)
        .get("/v1/account")
        .then()
        .statusCode(200)
        .header("RateLimit", "limit=3, remaining=2, reset=1")
        .header("RateLimit-Policy", "3;w=3");
    // The bucket refills one request a second: a slow machine may need a few more to empty it.
    Response refused = withKey(key).get("/v1/account");
    for (int i = 0; i < 20 && refused.statusCode() == 200; i++) {
      refused = withKey(key).get("/v1/account");
    }
    refused
        .then()
        .statusCode(429)
        .contentType("application/problem+json")
        .body("code", equalTo("rate_limited"))
        .header("Retry-After", "1")
        .header("RateLimit", matchesPattern("limit=3, remaining=0, reset=[1-3]"))
        .header("RateLimit-Policy", "3;w=3");
  }

  @Test
  void keysHaveTheirOwnBucketsAndZeroIsUnlimited() {
    String tenant = createTenant("two-buckets");
    patchLimits(tenant, "{\"rate_limit_per_second\": 1, \"rate_limit_burst\": 1}").statusCode(200);
    String first = createKey(tenant, "first");
    String second = createKey(tenant, "second");
    withKey(first).get("/v1/account").then().statusCode(200);
    withKey(first).get("/v1/account").then().statusCode(429);
    withKey(second).get("/v1/account").then().statusCode(200);

    patchLimits(tenant, "{\"rate_limit_per_second\": 0}")
        .statusCode(200)
        .body("limits.rate_limit_per_second", equalTo(0));
    for (int i = 0; i < 5; i++) {
      withKey(first).get("/v1/account").then().statusCode(200).header("RateLimit", nullValue());
    }
  }

  @Test
  void theBootstrapTenantIsUnlimited() {
    asTenant().get("/v1/account").then().statusCode(200).header("RateLimit", nullValue());
  }
}
