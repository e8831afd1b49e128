package dev.kiln.api.media;

import static dev.kiln.api.support.Api.asTenant;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import dev.kiln.api.support.Api;
import dev.kiln.api.support.RawHttp;
import dev.kiln.api.support.RawHttp.Reply;
import dev.kiln.api.support.TestImages;
import dev.kiln.infra.KilnTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * Bodies past the limits over a bare socket: each is answered 413 (or 414, 431) with a problem
 * document while the client is still sending, says {@code Connection: close}, and the server closes
 * the connection, so a client never waits for its timeout and the server never reads the rest. The
 * 200 MB bodies would take far longer than the bound to be read to their end.
 */
@QuarkusTest
@QuarkusTestResource(value = KilnTestResource.class, restrictToAnnotatedClass = false)
class UploadLimitsTest {

  private static final Duration PROMPTLY = Duration.ofSeconds(10);
  private static final long HUGE = 200L * 1024 * 1024;
  private static final String BOUNDARY = "kiln-test-boundary";

  @TestHTTPResource("/")
  URI server;

  @Test
  void anOversizedRawUploadIsRefusedFromItsContentLength() throws IOException {
    Reply reply =
        RawHttp.exchange(
            server,
            head("image/png", "Content-Length: " + HUGE),
            RawHttp.repeated(HUGE, (byte) 7),
            PROMPTLY);

    assertRefusedAndClosed(reply, 413, "payload_too_large");
  }

  @Test
  void anOversizedChunkedRawUploadIsCutOffAtTheLimit() throws IOException {
    long started = System.nanoTime();
    Reply reply =
        RawHttp.exchange(
            server,
            head("image/png", "Transfer-Encoding: chunked"),
            RawHttp.chunked(new byte[0], HUGE, (byte) 7),
            PROMPTLY);

    assertRefusedAndClosed(reply, 413, "payload_too_large");
    assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(PROMPTLY);
  }

  @Test
  void anOversizedChunkedMultipartUploadIsCutOffAtTheLimit() throws IOException {
    byte[] partHead =
        ("--"
                + BOUNDARY
                + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a.png\""
                + "\r\nContent-Type: image/png\r\n\r\n")
            .getBytes(StandardCharsets.ISO_8859_1);
    Reply reply =
        RawHttp.exchange(
            server,
            head("multipart/form-data; boundary=" + BOUNDARY, "Transfer-Encoding: chunked"),
            RawHttp.chunked(partHead, HUGE, (byte) 7),
            PROMPTLY);

    assertRefusedAndClosed(reply, 413, "payload_too_large");
  }

  @Test
  void anOversizedMultipartUploadIsRefusedFromItsContentLength() throws IOException {
    Reply reply =
        RawHttp.exchange(
            server,
            head("multipart/form-data; boundary=" + BOUNDARY, "Content-Length: " + HUGE),
            RawHttp.repeated(HUGE, (byte) '-'),
            PROMPTLY);

    assertRefusedAndClosed(reply, 413, "payload_too_large");
  }

  @Test
  void anOversizedJsonBodyIsRefused() throws IOException {
    long size = 4L * 1024 * 1024;
    String jobs =
        "POST /v1/jobs HTTP/1.1\r\nHost: kiln\r\nAuthorization: Bearer "
            + Api.key()
            + "\r\nContent-Type: application/json\r\n";
    assertRefusedAndClosed(
        RawHttp.exchange(
            server,
            jobs + "Content-Length: " + size + "\r\n\r\n",
            RawHttp.repeated(size, (byte) ' '),
            PROMPTLY),
        413,
        "payload_too_large");
    Reply chunked =
        RawHttp.exchange(
            server,
            jobs + "Transfer-Encoding: chunked\r\n\r\n",
            RawHttp.chunked(new byte[0], size, (byte) ' '),
            PROMPTLY);
    assertThat(chunked.status()).isEqualTo(413);
    assertThat(chunked.header("content-type")).isEqualTo("application/problem+json");
    assertThat(chunked.body()).contains("\"code\":\"payload_too_large\"");
    assertThat(chunked.closed()).isTrue();
  }

  @Test
  void aChunkedJsonBodyWithinTheLimitIsReadAsUsual() throws IOException {
    String media = Api.uploadPng(8, 8);
    byte[] submit =
        ("{\"input\": {\"media_id\": \"" + media + "\"}, \"preset\": \"avatar\"}")
            .getBytes(StandardCharsets.UTF_8);
    Reply reply =
        RawHttp.exchange(
            server,
            "POST /v1/jobs HTTP/1.1\r\nHost: kiln\r\nAuthorization: Bearer "
                + Api.key()
                + "\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n",
            RawHttp.chunked(submit, 0, (byte) 0),
            PROMPTLY);
    assertThat(reply.status()).isEqualTo(202);
    assertThat(reply.body()).contains("\"status\":\"queued\"");
  }

  @Test
  void anOverlongUriOrOversizedHeadersGetProblemDocuments() throws IOException {
    String longPath = "/v1/jobs/job_" + "x".repeat(9000);
    Reply uri =
        RawHttp.exchange(
            server, "GET " + longPath + " HTTP/1.1\r\nHost: kiln\r\n\r\n", out -> {}, PROMPTLY);
    assertRefusedAndClosed(uri, 414, "uri_too_long");

    Reply headers =
        RawHttp.exchange(
            server,
            "GET /v1/account HTTP/1.1\r\nHost: kiln\r\nX-Padding: "
                + "p".repeat(20_000)
                + "\r\n\r\n",
            out -> {},
            PROMPTLY);
    assertRefusedAndClosed(headers, 431, "request_headers_too_large");
  }

  @Test
  void uploadsWithinTheLimitStillWorkChunkedOrNot() throws IOException {
    byte[] png = TestImages.png(12, 9);
    Reply chunked =
        RawHttp.exchange(
            server,
            head("image/png", "Transfer-Encoding: chunked"),
            RawHttp.chunked(png, 0, (byte) 0),
            PROMPTLY);
    assertThat(chunked.status()).isEqualTo(201);
    assertThat(chunked.body()).contains("\"width\":12");

    asTenant()
        .multiPart("note", "hello")
        .multiPart("file", "a.png", png, "image/png")
        .post("/v1/media")
        .then()
        .statusCode(201)
        .body("height", equalTo(9));
  }

  @Test
  void contentTypesThatCannotBeReadAreProblems() {
    byte[] png = TestImages.png(4, 4);
    asTenant()
        .header("Content-Type", "")
        .body(png)
        .post("/v1/media")
        .then()
        .statusCode(415)
        .contentType("application/problem+json")
        .body("code", equalTo("unsupported_media_type"));
    asTenant()
        .contentType("multipart/form-data")
        .body(png)
        .post("/v1/media")
        .then()
        .statusCode(415)
        .body("code", equalTo("unsupported_media_type"));
    asTenant()
        .contentType("multipart/form-data; boundary=not-the-one-used")
        .body(
            ("--"
                    + BOUNDARY
                    + "\r\nContent-Disposition: form-data; name=\"file\"\r\n\r\nx\r\n--"
                    + BOUNDARY
                    + "--\r\n")
                .getBytes(StandardCharsets.ISO_8859_1))
        .post("/v1/media")
        .then()
        .statusCode(400)
        .contentType("application/problem+json")
        .body("code", equalTo("malformed_multipart"));
    asTenant()
        .multiPart("image", "a.png", png, "image/png")
        .post("/v1/media")
        .then()
        .statusCode(422)
        .body("code", equalTo("validation_failed"))
        .body("errors[0].field", equalTo("file"));
  }

  @Test
  void anAvifUploadIsAnUnsupportedFormatNamedAsSuch() {
    byte[] avif = new byte[64];
    System.arraycopy("ftypavif".getBytes(StandardCharsets.ISO_8859_1), 0, avif, 4, 8);
    asTenant()
        .contentType("image/avif")
        .body(avif)
        .post("/v1/media")
        .then()
        .statusCode(415)
        .contentType("application/problem+json")
        .body("code", equalTo("unsupported_format"))
        .body("format", equalTo("AVIF"));
  }

  private static String head(String contentType, String framing) {
    return "POST /v1/media HTTP/1.1\r\nHost: kiln\r\nAuthorization: Bearer "
        + Api.key()
        + "\r\nContent-Type: "
        + contentType
        + "\r\n"
        + framing
        + "\r\n\r\n";
  }

  private static void assertRefusedAndClosed(Reply reply, int status, String code) {
    assertThat(reply.status()).isEqualTo(status);
    assertThat(reply.header("content-type")).isEqualTo("application/problem+json");
    assertThat(reply.header("connection")).isEqualToIgnoringCase("close");
    assertThat(reply.body()).contains("\"code\":\"" + code + "\"");
    assertThat(reply.closed()).as("the server closed the connection").isTrue();
  }
}
