package dev.kiln.api.media;

import static dev.kiln.api.support.Api.asTenant;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import dev.kiln.api.support.Tenants;
import dev.kiln.api.support.TestImages;
import dev.kiln.infra.KilnTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@code GET /v1/media}: the account's own uploads, newest first, a page at a time. */
@QuarkusTest
@QuarkusTestResource(value = KilnTestResource.class, restrictToAnnotatedClass = false)
class MediaListTest {

  @Inject Pool pool;

  @Test
  void listsTheTenantsUploadsNewestFirstAPageAtATime() {
    String key = Tenants.anotherKey(pool);
    List<String> uploaded = new ArrayList<>();
    for (int i = 1; i <= 3; i++) {
      uploaded.add(
          Tenants.as(key)
              .contentType("image/png")
              .body(TestImages.png(i, i))
              .post("/v1/media")
              .then()
              .statusCode(201)
              .extract()
              .path("id"));
    }

    JsonPath first =
        Tenants.as(key).get("/v1/media?limit=2").then().statusCode(200).extract().jsonPath();
    assertThat(first.getString("object")).isEqualTo("list");
    assertThat(first.getList("data.id", String.class))
        .containsExactly(uploaded.get(2), uploaded.get(1));
    assertThat(first.getList("data.url", String.class)).allMatch(url -> url.startsWith("http"));
    String cursor = first.getString("next_cursor");
    assertThat(cursor).isEqualTo(uploaded.get(1));

    JsonPath second =
        Tenants.as(key)
            .get("/v1/media?limit=2&cursor=" + cursor)
            .then()
            .statusCode(200)
            .extract()
            .jsonPath();
    assertThat(second.getList("data.id", String.class)).containsExactly(uploaded.get(0));
    assertThat(second.getString("next_cursor")).isNull();
    assertThat(second.getInt("data[0].width")).isEqualTo(1);

    List<String> others = asTenant().get("/v1/media?limit=100").then().extract().path("data.id");
    assertThat(others).doesNotContainAnyElementsOf(uploaded);
  }

  @Test
  void badPagingIsNamed() {
    asTenant()
        .get("/v1/media?limit=0")
        .then()
        .statusCode(422)
        .body("code", equalTo("validation_failed"))
        .body("errors[0].field", equalTo("limit"));
    asTenant()
        .get("/v1/media?cursor=job_06F8Q3KX0E1TG8P0Q6V1S1M9ZC")
        .then()
        .statusCode(422)
        .body("errors[0].field", equalTo("cursor"));
  }
}
