package dev.kiln.api.jobs;

import static dev.kiln.api.support.Api.asTenant;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import dev.kiln.infra.KilnTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Input URLs at submit: the scheme and form check, plus the SSRF guard's address policy on literal
 * addresses and reserved names (no DNS at submit time).
 */
@QuarkusTest
@QuarkusTestResource(value = KilnTestResource.class, restrictToAnnotatedClass = false)
class UrlInputSubmitTest {

  private static final String BODY =
      """
      {"input": {"url": %s}, "pipeline": [{"op": "resize", "width": 32, "height": 32}]}""";

  @ParameterizedTest
  @ValueSource(
      strings = {
        "http://127.0.0.1/a.png",
        "http://[::1]:8080/a.png",
        "http://[::ffff:127.0.0.1]/a.png",
        "http://localhost/a.png",
        "http://10.0.0.8/a.png",
        "https://192.168.1.20/a.png",
        "http://172.20.0.1/a.png",
        "http://169.254.169.254/latest/meta-data/iam/",
        "http://[fd00:ec2::254]/",
        "http://metadata.google.internal/computeMetadata/v1/",
        "http://[fe80::1]/",
        "http://100.64.0.1/",
        "http://0.0.0.0/",
        "http://2130706433/",
        "http://user:pass@example.com/a.png",
      })
  void blockedTargetsAreRefusedAtSubmit(String url) {
    asTenant()
        .contentType(ContentType.JSON)
        .body(BODY.formatted("\"" + url + "\""))
        .post("/v1/jobs")
        .then()
        .statusCode(422)
        .contentType("application/problem+json")
        .body("code", equalTo("validation_failed"))
        .body("errors.field", contains("input.url"));
  }

  @ParameterizedTest
  @ValueSource(strings = {"ftp://example.com/a.png", "/relative/a.png", "file:///etc/passwd"})
  void otherSchemesAndRelativeUrlsKeepTheirMessage(String url) {
    asTenant()
        .contentType(ContentType.JSON)
        .body(BODY.formatted("\"" + url + "\""))
        .post("/v1/jobs")
        .then()
        .statusCode(422)
        .body("errors.field", contains("input.url"))
        .body("errors.message", hasItem("must be an absolute http or https URL"));
  }

  @Test
  void aPublicNameIsAcceptedWithoutResolvingIt() {
    asTenant()
        .contentType(ContentType.JSON)
        .body(BODY.formatted("\"https://images.kiln-example.invalid/cat.png\""))
        .post("/v1/jobs")
        .then()
        .statusCode(202)
        .body("status", equalTo("queued"));
  }
}
