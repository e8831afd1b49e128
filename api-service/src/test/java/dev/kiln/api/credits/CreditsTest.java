package dev.kiln.api.credits;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import dev.kiln.api.support.Submits;
import dev.kiln.api.support.Tenants;
import dev.kiln.api.support.WorkerEvents;
import dev.kiln.infra.KilnTestResource;
import dev.kiln.model.ids.Ids;
import dev.kiln.model.jobs.JobError;
import dev.kiln.model.jobs.JobErrorCode;
import dev.kiln.model.jobs.JobResult;
import dev.kiln.model.jobs.StorageKeys;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

@QuarkusTest
@QuarkusTestResource(value = KilnTestResource.class, restrictToAnnotatedClass = false)
class CreditsTest {

  @Inject Pool pool;

  @Test
  void fiftyParallelSubmitsAgainstTenCreditsAcceptExactlyTen() throws Exception {
    Tenants.Account account = Tenants.create(pool, 10L, null);
    String media = Submits.upload(account.request());

    List<Response> responses =
        Submits.atOnce(50, () -> Submits.resize(account.request(), media, null));

    Map<Integer, Long> byStatus =
        responses.stream()
            .collect(Collectors.groupingBy(Response::statusCode, Collectors.counting()));
    assertThat(byStatus).containsExactlyInAnyOrderEntriesOf(Map.of(202, 10L, 402, 40L));
    for (Response refused : responses.stream().filter(r -> r.statusCode() == 402).toList()) {
      assertThat(refused.contentType()).startsWith("application/problem+json");
      JsonPath problem = refused.jsonPath();
      assertThat(problem.getString("code")).isEqualTo("insufficient_credits");
      assertThat(problem.getLong("balance")).isZero();
      assertThat(problem.getInt("cost")).isEqualTo(1);
    }
    account.request().get("/v1/account").then().body("credits.balance", equalTo(0));
    JsonPath ledger = account.request().get("/v1/account/ledger?limit=100").jsonPath();
    assertThat(ledger.getList("data.kind")).containsOnly("reserve").hasSize(10);
    assertThat(ledger.getList("data.balance_after", Integer.class)).allMatch(b -> b >= 0);
  }

  @Test
  void completionChargesWhileFailureAndCancellationRefund() {
    Tenants.Account account = Tenants.create(pool, 3L, null);
    String media = Submits.upload(account.request());
    String done = submitted(account, media);
    String broken = submitted(account, media);
    String cancelled = submitted(account, media);
    Submits.resize(account.request(), media, null)
        .then()
        .statusCode(402)
        .body("code", equalTo("insufficient_credits"))
        .body("balance", equalTo(0));

    WorkerEvents first = new WorkerEvents(done, account.id());
    first.started();
    first.completed(
        new JobResult(
            Ids.media(), StorageKeys.result(account.id(), done, 1), "image/png", 10, 8, 8));
    WorkerEvents second = new WorkerEvents(broken, account.id());
    second.started();
    second.failed(JobError.of(JobErrorCode.INVALID_IMAGE, "not an image"));
    account.request().post("/v1/jobs/" + cancelled + "/cancel").then().statusCode(200);

    await()
        .atMost(Duration.ofSeconds(20))
        .untilAsserted(
            () -> {
              account
                  .request()
                  .get("/v1/jobs/" + done)
                  .then()
                  .body("credits.state", equalTo("charged"));
              account
                  .request()
                  .get("/v1/jobs/" + broken)
                  .then()
                  .body("credits.state", equalTo("refunded"));
            });
    account
        .request()
        .get("/v1/jobs/" + cancelled)
        .then()
        .body("credits.state", equalTo("refunded"));
    account
        .request()
        .get("/v1/account")
        .then()
        .body("credits.metered", equalTo(true))
        .body("credits.balance", equalTo(2));

    JsonPath ledger = account.request().get("/v1/account/ledger").jsonPath();
    assertThat(kinds(ledger, done)).containsExactly("charge", "reserve");
    assertThat(kinds(ledger, broken)).containsExactly("refund", "reserve");
    assertThat(kinds(ledger, cancelled)).containsExactly("refund", "reserve");
    account
        .request()
        .get("/v1/account/ledger?job_id=" + broken)
        .then()
        .body("data.amount", equalTo(List.of(1, -1)));

    // The refunds are spendable at once.
    submitted(account, media);
    submitted(account, media);
    account.request().get("/v1/account").then().body("credits.balance", equalTo(0));
  }

  @Test
  void anAccountWithoutACreditLimitIsUnmetered() {
    Tenants.Account account = Tenants.create(pool, null, null);
    String id = submitted(account, Submits.upload(account.request()));
    account
        .request()
        .get("/v1/jobs/" + id)
        .then()
        .body("credits.cost", equalTo(1))
        .body("credits.state", equalTo("unmetered"));
    account
        .request()
        .get("/v1/account")
        .then()
        .body("credits.metered", equalTo(false))
        .body("credits.balance", equalTo(null));
    account
        .request()
        .get("/v1/account/ledger")
        .then()
        .statusCode(200)
        .body("data", equalTo(List.of()));
  }

  @Test
  void aMalformedLedgerCursorIsAProblem() {
    Tenants.create(pool, null, null)
        .request()
        .get("/v1/account/ledger?cursor=abc")
        .then()
        .statusCode(422)
        .body("code", equalTo("validation_failed"))
        .body("errors[0].field", equalTo("cursor"));
  }

  private static List<String> kinds(JsonPath ledger, String jobId) {
    return ledger.getList("data.findAll { it.job_id == '" + jobId + "' }.kind");
  }

  private static String submitted(Tenants.Account account, String media) {
    return Submits.resize(account.request(), media, null)
        .then()
        .statusCode(202)
        .extract()
        .path("id");
  }
}
