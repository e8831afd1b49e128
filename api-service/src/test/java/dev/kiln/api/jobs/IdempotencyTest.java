package dev.kiln.api.jobs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

import dev.kiln.api.support.Submits;
import dev.kiln.api.support.Tenants;
import dev.kiln.infra.KilnTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.inject.Inject;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

@QuarkusTest
@QuarkusTestResource(value = KilnTestResource.class, restrictToAnnotatedClass = false)
class IdempotencyTest {

  @Inject Pool pool;

  @Test
  void theSameRequestWithTheSameKeyAnswersTheFirstJobMarkedReplayed() {
    Tenants.Account account = Tenants.create(pool, null, null);
    String media = Submits.upload(account.request());
    String key = UUID.randomUUID().toString();

    Response first = submit(account, key, Submits.resizeBody(media, "high"));
    first.then().statusCode(202).header(JobAnswers.REPLAYED, nullValue());
    String id = first.path("id");
    // The same request written otherwise: members reordered, other spacing.
    String reordered =
        """
        {"pipeline":[{"height":8,"op":"resize","fit":"fill","width":8}],
         "priority":"high","input":{"media_id":"%s"}}"""
            .formatted(media);
    submit(account, key, reordered)
        .then()
        .statusCode(202)
        .header(JobAnswers.REPLAYED, equalTo("true"))
        .header("Location", endsWith("/v1/jobs/" + id))
        .body("id", equalTo(id))
        .body("priority", equalTo("high"));
  }

  @Test
  void aKeyUsedWithAnotherBodyOrEndpointIsRefused() {
    Tenants.Account account = Tenants.create(pool, null, null);
    String media = Submits.upload(account.request());
    String key = UUID.randomUUID().toString();
    submit(account, key, Submits.resizeBody(media, null)).then().statusCode(202);

    submit(account, key, Submits.resizeBody(media, "low"))
        .then()
        .statusCode(422)
        .contentType("application/problem+json")
        .body("code", equalTo("idempotency_key_reused"));
    account
        .request()
        .header("Idempotency-Key", key)
        .contentType(ContentType.JSON)
        .body("{\"input\": {\"media_id\": \"" + media + "\"}}")
        .post("/v1/stickers")
        .then()
        .statusCode(422)
        .body("code", equalTo("idempotency_key_reused"));
  }

  @Test
  void keysAreTheirAccountsOwn() {
    String key = UUID.randomUUID().toString();
    Tenants.Account one = Tenants.create(pool, null, null);
    Tenants.Account two = Tenants.create(pool, null, null);
    String first =
        submit(one, key, Submits.resizeBody(Submits.upload(one.request()), null)).path("id");
    String second =
        submit(two, key, Submits.resizeBody(Submits.upload(two.request()), null)).path("id");
    assertThat(first).isNotEqualTo(second);
  }

  @Test
  void fiftyConcurrentIdenticalSubmitsMakeOneJobAndOneReservation() throws Exception {
    Tenants.Account account = Tenants.create(pool, 100L, null);
    String media = Submits.upload(account.request());
    String key = UUID.randomUUID().toString();
    String body = Submits.resizeBody(media, null);

    List<Response> responses = Submits.atOnce(50, () -> submit(account, key, body));

    assertThat(responses).allSatisfy(r -> assertThat(r.statusCode()).isEqualTo(202));
    assertThat(responses.stream().map(r -> r.<String>path("id")).distinct()).hasSize(1);
    assertThat(responses.stream().filter(r -> r.header(JobAnswers.REPLAYED) != null)).hasSize(49);
    account.request().get("/v1/account").then().body("credits.balance", equalTo(99));
    account
        .request()
        .get("/v1/account/ledger")
        .then()
        .body("data.kind", equalTo(List.of("reserve")));
  }

  @Test
  void aRefusedSubmitDoesNotSpendItsKey() {
    Tenants.Account account = Tenants.create(pool, 0L, null);
    String media = Submits.upload(account.request());
    String key = UUID.randomUUID().toString();
    submit(account, key, Submits.resizeBody(media, null)).then().statusCode(402);
    pool.preparedQuery("select kiln_grant_credits($1, 1, 'test')")
        .execute(io.vertx.mutiny.sqlclient.Tuple.of(account.id()))
        .await()
        .indefinitely();
    submit(account, key, Submits.resizeBody(media, null))
        .then()
        .statusCode(202)
        .header(JobAnswers.REPLAYED, nullValue());
  }

  private static Response submit(Tenants.Account account, String key, String body) {
    return account
        .request()
        .header("Idempotency-Key", key)
        .contentType(ContentType.JSON)
        .body(body)
        .post("/v1/jobs");
  }
}
