package dev.kiln.api.console;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;

import dev.kiln.api.storage.ObjectUrlSigner;
import dev.kiln.infra.KilnTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The web console's files: served without an API key, under a Content-Security-Policy that allows
 * this origin's scripts and styles only and the storage's images; {@code /} and {@code /console}
 * lead to it.
 */
@QuarkusTest
@QuarkusTestResource(value = KilnTestResource.class, restrictToAnnotatedClass = false)
class ConsoleRoutesTest {

  @Inject ObjectUrlSigner urls;

  @Test
  void theRootAndTheBarePathLeadToTheConsole() {
    for (String path : List.of("/", "/console")) {
      given()
          .redirects()
          .follow(false)
          .get(path)
          .then()
          .statusCode(302)
          .header("Location", "/console/");
    }
  }

  @Test
  void theConsoleIsServedWithoutAKeyUnderItsPolicy() {
    String policy =
        given()
            .get("/console/")
            .then()
            .statusCode(200)
            .contentType(startsWith("text/html"))
            .body(containsString("<script type=\"module\" src=\"js/main.js\"></script>"))
            .header("X-Content-Type-Options", "nosniff")
            .header("X-Frame-Options", "DENY")
            .header("Referrer-Policy", "no-referrer")
            .header("Cache-Control", "no-cache")
            .extract()
            .header("Content-Security-Policy");

    assertThat(policy.split("; "))
        .contains(
            "default-src 'none'",
            "script-src 'self'",
            "style-src 'self'",
            "img-src 'self' blob: " + urls.origin(),
            "connect-src 'self'",
            "frame-ancestors 'none'");
    assertThat(policy).doesNotContain("unsafe");
    assertThat(urls.origin()).startsWith("http").doesNotEndWith("/");
  }

  @Test
  void scriptsAndStylesAreServedWithTheirTypes() {
    List<String> caching =
        given()
            .get("/console/js/main.js")
            .then()
            .statusCode(200)
            .contentType(startsWith("text/javascript"))
            .header("Content-Security-Policy", containsString("script-src 'self'"))
            .extract()
            .headers()
            .getValues("Cache-Control");
    assertThat(caching)
        .as("checked again on every load, not kept a day")
        .containsExactly("no-cache");
    given().get("/console/console.css").then().statusCode(200).contentType(startsWith("text/css"));
    given()
        .get("/console/ops.json")
        .then()
        .statusCode(200)
        .contentType(startsWith("application/json"));
  }

  @Test
  void aMissingConsoleFileIsNotFoundAndTheApiStillWantsAKey() {
    given().get("/console/nothing-here.js").then().statusCode(404);
    given()
        .get("/v1/jobs")
        .then()
        .statusCode(401)
        .header("Content-Security-Policy", nullValue())
        .body("code", equalTo("unauthorized"));
  }
}
