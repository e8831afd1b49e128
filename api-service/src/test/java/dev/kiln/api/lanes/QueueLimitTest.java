package dev.kiln.api.lanes;

import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;

import dev.kiln.api.support.Submits;
import dev.kiln.api.support.Tenants;
import dev.kiln.infra.KilnTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

@QuarkusTest
@QuarkusTestResource(value = KilnTestResource.class, restrictToAnnotatedClass = false)
class QueueLimitTest {

  @Inject Pool pool;

  @Test
  void aFullQueueRefusesSubmitsUntilAJobLeavesIt() {
    Tenants.Account account = Tenants.create(pool, null, 3);
    String media = Submits.upload(account.request());
    String first =
        Submits.resize(account.request(), media, null).then().statusCode(202).extract().path("id");
    Submits.resize(account.request(), media, null).then().statusCode(202);
    Submits.resize(account.request(), media, null).then().statusCode(202);

    Submits.resize(account.request(), media, null)
        .then()
        .statusCode(429)
        .contentType("application/problem+json")
        .header("Retry-After", notNullValue())
        .body("code", equalTo("queue_limit_reached"))
        .body("max_queued_jobs", equalTo(3));
    account.request().get("/v1/account").then().body("limits.max_queued_jobs", equalTo(3));

    account.request().post("/v1/jobs/" + first + "/cancel").then().statusCode(200);
    Submits.resize(account.request(), media, null).then().statusCode(202);
  }

  @Test
  void anotherAccountIsNotLimitedByAFullOne() {
    Tenants.Account full = Tenants.create(pool, null, 1);
    Tenants.Account other = Tenants.create(pool, null, null);
    Submits.resize(full.request(), Submits.upload(full.request()), null).then().statusCode(202);
    Submits.resize(full.request(), Submits.upload(full.request()), null).then().statusCode(429);
    Submits.resize(other.request(), Submits.upload(other.request()), null).then().statusCode(202);
  }
}
