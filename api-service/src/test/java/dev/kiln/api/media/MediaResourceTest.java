package dev.kiln.api.media;

import static dev.kiln.api.support.Api.asTenant;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import dev.kiln.api.support.TestImages;
import dev.kiln.infra.KilnTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;

@QuarkusTest
@QuarkusTestResource(value = KilnTestResource.class, restrictToAnnotatedClass = false)
class MediaResourceTest {

  @Test
  void uploadsAnImageAndHandsOutADownloadableUrl() throws Exception {
    byte[] png = TestImages.png(40, 30);

    String id =
        asTenant()
            .contentType("image/png")
            .body(png)
            .post("/v1/media")
            .then()
            .statusCode(201)
            .header("Location", containsString("/v1/media/med_"))
            .body("object", equalTo("media"))
            .body("mime_type", equalTo("image/png"))
            .body("width", equalTo(40))
            .body("height", equalTo(30))
            .body("size_bytes", equalTo(png.length))
            .body("source_job_id", equalTo(null))
            .extract()
            .path("id");
    String url = asTenant().get("/v1/media/" + id).then().statusCode(200).extract().path("url");

    HttpResponse<byte[]> download =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(URI.create(url)).build(),
                HttpResponse.BodyHandlers.ofByteArray());
    assertThat(download.statusCode()).isEqualTo(200);
    assertThat(download.body()).isEqualTo(png);
  }

  @Test
  void acceptsMultipartUploads() {
    asTenant()
        .multiPart("file", "photo.png", TestImages.png(8, 8), "image/png")
        .post("/v1/media")
        .then()
        .statusCode(201)
        .body("width", equalTo(8));
  }

  @Test
  void rejectsBytesThatAreNotAnImage() {
    asTenant()
        .contentType("image/jpeg")
        .body("definitely not a jpeg".getBytes())
        .post("/v1/media")
        .then()
        .statusCode(422)
        .contentType("application/problem+json")
        .body("code", equalTo("invalid_image"))
        .body("status", equalTo(422));
  }

  @Test
  void rejectsDecompressionBombsFromTheHeader() {
    byte[] header = java.util.Arrays.copyOf(TestImages.png(10, 10), 64);
    byte[] huge = {0x00, 0x01, (byte) 0x86, (byte) 0xA0}; // 100000 px
    System.arraycopy(huge, 0, header, 16, 4);
    System.arraycopy(huge, 0, header, 20, 4);

    asTenant()
        .contentType("image/png")
        .body(header)
        .post("/v1/media")
        .then()
        .statusCode(413)
        .body("code", equalTo("image_too_large"));
  }

  @Test
  void requiresAValidApiKey() {
    given().get("/v1/media/med_x").then().statusCode(401).body("code", equalTo("unauthorized"));
    given()
        .header("X-API-Key", "kiln_sk_wrong")
        .get("/v1/media/med_x")
        .then()
        .statusCode(401)
        .body("code", equalTo("unauthorized"));
  }

  @Test
  void unknownMediaIsNotFound() {
    asTenant().get("/v1/media/med_nope").then().statusCode(404).body("code", equalTo("not_found"));
  }

  @Test
  void unknownPathsAreProblemsToo() {
    asTenant().get("/v1/nothing-here").then().statusCode(404).body("code", equalTo("not_found"));
  }

  /** java.net.http offers an h2c upgrade by default; the upload is read all the same. */
  @Test
  void aClientOfferingAnHttp2UpgradeUploadsToo() throws Exception {
    HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_2).build();
    HttpResponse<String> response =
        client.send(
            HttpRequest.newBuilder(
                    URI.create(RestAssured.baseURI + ":" + RestAssured.port + "/v1/media"))
                .header("Authorization", "Bearer " + dev.kiln.api.support.Api.key())
                .header("Content-Type", "image/png")
                .POST(HttpRequest.BodyPublishers.ofByteArray(TestImages.png(16, 16)))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
  }
}
