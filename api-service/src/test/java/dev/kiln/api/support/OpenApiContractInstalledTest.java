package dev.kiln.api.support;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kiln.infra.KilnTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.response.Response;
import java.net.URI;
import org.junit.jupiter.api.Test;

/** The contract filter runs in every {@code @QuarkusTest} and reports real responses' strays. */
@QuarkusTest
@QuarkusTestResource(value = KilnTestResource.class, restrictToAnnotatedClass = false)
class OpenApiContractInstalledTest {

  @Test
  void isInstalledForEveryTest() {
    assertThat(RestAssured.filters()).contains(OpenApiContract.INSTANCE);
  }

  @Test
  void anUndocumentedStatusIsReportedWithWhereToAddIt() throws Exception {
    ObjectNode root = document();
    ((ObjectNode) root.at("/paths/~1v1~1account/get/responses")).remove("200");
    Response answer = account();

    assertThat(check(root, answer))
        .singleElement()
        .asString()
        .contains("GET /v1/account (getAccount) answered 200", "dev.kiln.api.openapi.Endpoints");
  }

  @Test
  void anUndocumentedPropertyIsReportedByName() throws Exception {
    ObjectNode root = document();
    ((ObjectNode) root.at("/components/schemas/AccountView/properties")).remove("name");
    Response answer = account();

    assertThat(check(root, answer))
        .singleElement()
        .asString()
        .contains("unknown property 'name'", "$.name", "AccountView");
  }

  @Test
  void theRealDocumentAcceptsTheRealAnswer() throws Exception {
    assertThat(check(document(), account())).isEmpty();
  }

  private static java.util.List<String> check(ObjectNode root, Response answer) {
    return OpenApiContract.check(
        OpenApiContract.OpenApiDocument.of(root),
        "GET",
        URI.create(RestAssured.baseURI + ":" + RestAssured.port + "/v1/account"),
        answer);
  }

  private static Response account() {
    return RestAssured.given()
        .noFilters()
        .header("Authorization", "Bearer " + Api.key())
        .get("/v1/account");
  }

  private static ObjectNode document() throws Exception {
    return (ObjectNode)
        new ObjectMapper()
            .readTree(RestAssured.given().noFilters().get("/q/openapi?format=json").asString());
  }
}
