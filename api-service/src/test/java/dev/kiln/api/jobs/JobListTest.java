package dev.kiln.api.jobs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.nullValue;

import dev.kiln.api.support.Submits;
import dev.kiln.api.support.Tenants;
import dev.kiln.api.support.TestKafka;
import dev.kiln.infra.KilnTestResource;
import dev.kiln.model.pipeline.Step;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

@QuarkusTest
@QuarkusTestResource(value = KilnTestResource.class, restrictToAnnotatedClass = false)
class JobListTest {

  @Inject Pool pool;

  @Test
  void listsTheAccountsJobsNewestFirstPageByPage() {
    Tenants.Account account = Tenants.create(pool, null, null);
    Tenants.Account other = Tenants.create(pool, null, null);
    String media = Submits.upload(account.request());
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      ids.add(submitted(account, media));
    }
    submitted(other, Submits.upload(other.request()));

    JsonPath first = account.request().get("/v1/jobs?limit=2").jsonPath();
    assertThat(first.getList("data.id")).containsExactly(ids.get(4), ids.get(3));
    JsonPath second =
        account
            .request()
            .get("/v1/jobs?limit=2&cursor=" + first.getString("next_cursor"))
            .jsonPath();
    assertThat(second.getList("data.id")).containsExactly(ids.get(2), ids.get(1));
    JsonPath last =
        account
            .request()
            .get("/v1/jobs?limit=2&cursor=" + second.getString("next_cursor"))
            .jsonPath();
    assertThat(last.getList("data.id")).containsExactly(ids.get(0));
    assertThat(last.getString("next_cursor")).isNull();
    assertThat(first.getList("missing")).isEmpty();
  }

  @Test
  void filtersByStatusPresetAndCreationTime() {
    Tenants.Account account = Tenants.create(pool, null, null);
    String media = Submits.upload(account.request());
    String resize = submitted(account, media);
    Instant between = Instant.now();
    String thumbnail =
        account
            .request()
            .contentType(ContentType.JSON)
            .body("{\"input\": {\"media_id\": \"" + media + "\"}, \"preset\": \"thumbnail\"}")
            .post("/v1/jobs")
            .then()
            .statusCode(202)
            .extract()
            .path("id");
    account.request().post("/v1/jobs/" + resize + "/cancel").then().statusCode(200);

    assertThat(ids(account, "?status=cancelled")).containsExactly(resize);
    assertThat(ids(account, "?status=queued,cancelled")).containsExactly(thumbnail, resize);
    assertThat(ids(account, "?preset=thumbnail")).containsExactly(thumbnail);
    assertThat(ids(account, "?created_after=" + between)).containsExactly(thumbnail);
    assertThat(ids(account, "?created_before=" + between)).containsExactly(resize);
  }

  @Test
  void badFiltersAreProblemsNamingTheParameter() {
    Tenants.Account account = Tenants.create(pool, null, null);
    for (String[] bad :
        new String[][] {
          {"status=done", "status"},
          {"preset=nope", "preset"},
          {"created_after=yesterday", "created_after"},
          {"limit=0", "limit"},
          {"cursor=job_%00", "cursor"},
          {"ids=job_a&status=queued", "ids"},
        }) {
      account
          .request()
          .get("/v1/jobs?" + bad[0])
          .then()
          .statusCode(422)
          .contentType("application/problem+json")
          .body("code", equalTo("validation_failed"))
          .body("errors[0].field", equalTo(bad[1]));
    }
  }

  @Test
  void idsAnswerTheKnownJobsInOrderAndListTheMissingOnes() {
    Tenants.Account account = Tenants.create(pool, null, null);
    Tenants.Account other = Tenants.create(pool, null, null);
    String media = Submits.upload(account.request());
    String a = submitted(account, media);
    String b = submitted(account, media);
    String theirs = submitted(other, Submits.upload(other.request()));

    account
        .request()
        .get("/v1/jobs?ids=" + b + ",job_unknown," + a + "," + theirs)
        .then()
        .statusCode(200)
        .body("data.id", equalTo(List.of(b, a)))
        .body("missing", equalTo(List.of("job_unknown", theirs)))
        .body("next_cursor", nullValue());
  }

  @Test
  void aRerunIsANewJobOfTheSameWorkNamingTheFirst() {
    Tenants.Account account = Tenants.create(pool, null, null);
    String media = Submits.upload(account.request());
    String original =
        Submits.resize(account.request(), media, "high")
            .then()
            .statusCode(202)
            .extract()
            .path("id");
    account.request().post("/v1/jobs/" + original + "/cancel").then().statusCode(200);

    var answer = account.request().post("/v1/jobs/" + original + "/rerun");
    String rerun =
        answer
            .then()
            .statusCode(202)
            .header("Location", endsWith("/v1/jobs/" + answer.path("id")))
            .body("status", equalTo("queued"))
            .body("rerun_of", equalTo(original))
            .body("priority", equalTo("high"))
            .body("progress.step", equalTo("queued"))
            .extract()
            .path("id");
    assertThat(rerun).isNotEqualTo(original);
    assertThat(TestKafka.awaitCommand(rerun).pipeline())
        .extracting(Step::op)
        .containsExactly("resize", "encode");

    Tenants.create(pool, null, null)
        .request()
        .post("/v1/jobs/" + original + "/rerun")
        .then()
        .statusCode(404)
        .body("code", equalTo("not_found"));
  }

  @Test
  void aRerunMayChangeTheWorkThePriorityAndTheMetadata() {
    Tenants.Account account = Tenants.create(pool, null, null);
    String media = Submits.upload(account.request());
    String original = submitted(account, media);

    String rerun =
        account
            .request()
            .contentType(ContentType.JSON)
            .body("{\"preset\": \"avatar\", \"priority\": \"low\", \"metadata\": {\"try\": 2}}")
            .post("/v1/jobs/" + original + "/rerun")
            .then()
            .statusCode(202)
            .body("preset", equalTo("avatar"))
            .body("priority", equalTo("low"))
            .body("metadata.try", equalTo(2))
            .body("rerun_of", equalTo(original))
            .extract()
            .path("id");
    assertThat(TestKafka.awaitCommand(rerun).pipeline())
        .extracting(Step::op)
        .containsExactly("auto_orient", "resize", "encode");
    account
        .request()
        .contentType(ContentType.JSON)
        .body("{\"priority\": \"urgent\"}")
        .post("/v1/jobs/" + original + "/rerun")
        .then()
        .statusCode(422)
        .body("errors[0].field", equalTo("priority"));
    account.request().get("/v1/jobs/" + original).then().body("status", equalTo("queued"));
  }

  @Test
  void everyJobObjectHasThePriorityProgressAndCreditFields() {
    Tenants.Account account = Tenants.create(pool, null, null);
    String id = submitted(account, Submits.upload(account.request()));
    account
        .request()
        .get("/v1/jobs/" + id)
        .then()
        .body("priority", equalTo("normal"))
        .body("progress.percentage", equalTo(0))
        .body("progress.step", equalTo("queued"))
        .body("progress.message", equalTo("Waiting for a worker"))
        .body("credits.cost", equalTo(1))
        .body("rerun_of", nullValue())
        .body("links.rerun", equalTo("/v1/jobs/" + id + "/rerun"));
    account.request().get("/v1/jobs?ids=" + id).then().body("data", hasSize(1));
  }

  private static List<String> ids(Tenants.Account account, String query) {
    return account
        .request()
        .get("/v1/jobs" + query)
        .then()
        .statusCode(200)
        .extract()
        .path("data.id");
  }

  private static String submitted(Tenants.Account account, String media) {
    return Submits.resize(account.request(), media, null)
        .then()
        .statusCode(202)
        .extract()
        .path("id");
  }
}
