package dev.kiln.api.support;

import static io.restassured.RestAssured.given;

import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import org.eclipse.microprofile.config.ConfigProvider;

/** Request builders authenticated as the bootstrap tenant of the test profile. */
public final class Api {

  static {
    RestAssured.enableLoggingOfRequestAndResponseIfValidationFails();
  }

  private Api() {}

  public static String key() {
    return ConfigProvider.getConfig().getValue("kiln.bootstrap.api-key", String.class);
  }

  public static RequestSpecification asTenant() {
    return given().header("Authorization", "Bearer " + key());
  }

  /** Uploads a PNG and returns its media id. */
  public static String uploadPng(int width, int height) {
    return asTenant()
        .contentType("image/png")
        .body(TestImages.png(width, height))
        .post("/v1/media")
        .then()
        .statusCode(201)
        .extract()
        .path("id");
  }

  /** Submits a resize-to-WebP job and returns its id. */
  public static String submitResize(String mediaId, int width, int height) {
    return asTenant()
        .contentType(ContentType.JSON)
        .body(
            """
            {"input": {"media_id": "%s"},
             "pipeline": [{"op": "resize", "width": %d, "height": %d, "fit": "fill"},
                          {"op": "encode", "format": "webp", "quality": 80}]}"""
                .formatted(mediaId, width, height))
        .post("/v1/jobs")
        .then()
        .statusCode(202)
        .extract()
        .path("id");
  }
}
