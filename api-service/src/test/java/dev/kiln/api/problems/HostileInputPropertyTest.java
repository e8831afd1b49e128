package dev.kiln.api.problems;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kiln.api.support.Api;
import dev.kiln.api.support.TestImages;
import dev.kiln.infra.KilnTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.config.EncoderConfig;
import io.restassured.response.Response;
import java.nio.charset.StandardCharsets;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import org.junit.jupiter.api.Test;

/**
 * Fuzzes the submit and upload bodies with jqwik generators: whatever arrives, the answer is never
 * a 5xx, and every 4xx is a problem document with a code. The application under test is started by
 * the Quarkus JUnit extension, which the jqwik engine does not run, so these tests draw a bounded
 * number of samples ({@value #TRIES}) from jqwik arbitraries inside JUnit tests; properties of the
 * parsers themselves run on the jqwik engine ({@code MultipartFormPropertyTest}).
 */
@QuarkusTest
@QuarkusTestResource(value = KilnTestResource.class, restrictToAnnotatedClass = false)
class HostileInputPropertyTest {

  private static final int TRIES = 200;

  @Test
  void submitBodiesNeverFailTheServer() {
    fuzzJson("/v1/jobs", submitBody(Api.uploadPng(8, 8)));
  }

  @Test
  void stickerBodiesNeverFailTheServer() {
    fuzzJson("/v1/stickers", stickerBody(Api.uploadPng(8, 8)));
  }

  private static void fuzzJson(String path, Arbitrary<String> valid) {
    bodies(valid)
        .sampleStream()
        .limit(TRIES)
        .forEach(body -> assertHandled(post(path, "application/json", body), body));
  }

  @Test
  void uploadBodiesNeverFailTheServer() {
    Arbitrary<String> types =
        Arbitraries.of(
            "image/png",
            "image/jpeg",
            "image/tiff",
            "application/octet-stream",
            "multipart/form-data; boundary=fuzz",
            "multipart/form-data; boundary=\"fu zz\"",
            "multipart/form-data",
            "text/plain",
            "",
            "image/png; charset=\u0001");
    Combinators.combine(types, uploadBytes())
        .as(Upload::new)
        .sampleStream()
        .limit(TRIES)
        .forEach(upload -> assertHandled(post("/v1/media", upload.type(), upload.bytes()), upload));
  }

  private record Upload(String type, byte[] bytes) {
    @Override
    public String toString() {
      return type + " with " + bytes.length + " bytes";
    }
  }

  // --- Generators ------------------------------------------------------------------------------

  /** Valid bodies, the same with random edits, and random text. */
  private static Arbitrary<byte[]> bodies(Arbitrary<String> valid) {
    Arbitrary<String> edited =
        Combinators.combine(valid, Arbitraries.integers().between(0, 400), junk())
            .as(
                (body, at, insert) ->
                    body.substring(0, Math.min(at, body.length()))
                        + insert
                        + body.substring(Math.min(at + insert.length() % 7, body.length())));
    Arbitrary<String> text = Arbitraries.strings().all().ofMaxLength(300);
    return Arbitraries.frequencyOf(
            net.jqwik.api.Tuple.of(3, valid),
            net.jqwik.api.Tuple.of(5, edited),
            net.jqwik.api.Tuple.of(2, text))
        .map(body -> body.getBytes(StandardCharsets.UTF_8));
  }

  private static Arbitrary<String> junk() {
    return Arbitraries.oneOf(
        Arbitraries.of(
            "\"",
            "{",
            "}",
            "[",
            "]",
            ",",
            ":",
            "\\u0000",
            "\u0000",
            "null",
            "1e999",
            "-0",
            "\"\"",
            "true",
            "{}",
            "[]",
            "\\",
            "\uD800",
            "NaN",
            "9".repeat(40)),
        Arbitraries.strings().all().ofMaxLength(12));
  }

  private static Arbitrary<String> submitBody(String media) {
    Arbitrary<String> input =
        Arbitraries.of(
            "{\"media_id\": \"" + media + "\"}",
            "{\"media_id\": \"med_nope\"}",
            "{\"url\": \"http://127.0.0.1:9/a.png\"}",
            "{\"url\": \"file:///etc/passwd\"}",
            "{}",
            "\"" + media + "\"",
            "null");
    Arbitrary<String> step =
        Combinators.combine(
                Arbitraries.of(
                    "resize", "crop", "rotate", "encode", "blur", "explode", "", "RESIZE"),
                value(),
                value())
            .as(
                (op, a, b) ->
                    "{\"op\": \"" + op + "\", \"width\": " + a + ", \"height\": " + b + "}");
    Arbitrary<String> pipeline =
        step.list().ofMaxSize(4).map(steps -> "[" + String.join(",", steps) + "]");
    Arbitrary<String> preset =
        Arbitraries.of("\"avatar\"", "\"thumbnail\"", "\"nope\"", "7", "null");
    return Combinators.combine(
            input, pipeline, preset, value(), value(), Arbitraries.integers().between(0, 3))
        .as(
            (in, steps, name, priority, deadline, shape) ->
                switch (shape) {
                  case 0 -> "{\"input\": " + in + ", \"preset\": " + name + "}";
                  case 1 -> "{\"input\": " + in + ", \"pipeline\": " + steps + "}";
                  case 2 ->
                      "{\"input\": "
                          + in
                          + ", \"preset\": "
                          + name
                          + ", \"priority\": "
                          + priority
                          + ", \"deadline_seconds\": "
                          + deadline
                          + "}";
                  default ->
                      "{\"input\": "
                          + in
                          + ", \"pipeline\": "
                          + steps
                          + ", \"preset\": "
                          + name
                          + ", \"metadata\": {\"k\": "
                          + priority
                          + "}}";
                });
  }

  private static Arbitrary<String> stickerBody(String media) {
    return Combinators.combine(value(), value(), value(), value(), value())
        .as(
            (size, outline, tolerance, feather, maxBytes) ->
                "{\"input\": {\"media_id\": \""
                    + media
                    + "\"}, \"size\": "
                    + size
                    + ", \"outline_width\": "
                    + outline
                    + ", \"tolerance\": "
                    + tolerance
                    + ", \"feather\": "
                    + feather
                    + ", \"max_bytes\": "
                    + maxBytes
                    + "}");
  }

  /** A JSON value of any type, often a number near a limit. */
  private static Arbitrary<String> value() {
    return Arbitraries.oneOf(
        Arbitraries.integers().map(String::valueOf),
        Arbitraries.integers().between(-2, 5000).map(String::valueOf),
        Arbitraries.longs().map(String::valueOf),
        Arbitraries.doubles().map(String::valueOf),
        Arbitraries.of(
            "null",
            "true",
            "\"10\"",
            "[]",
            "{}",
            "1e400",
            "-1",
            "0",
            "2147483648",
            "\"\\u0000\"",
            "99999999999999999999"));
  }

  private static Arbitrary<byte[]> uploadBytes() {
    byte[] png = TestImages.png(6, 5);
    Arbitrary<byte[]> mutatedPng =
        Combinators.combine(
                Arbitraries.integers().between(0, png.length - 1),
                Arbitraries.bytes(),
                Arbitraries.integers().between(1, png.length))
            .as(
                (at, value, keep) -> {
                  byte[] copy = java.util.Arrays.copyOf(png, keep);
                  if (at < copy.length) {
                    copy[at] = value;
                  }
                  return copy;
                });
    Arbitrary<byte[]> multipart =
        mutatedPng.map(
            image -> {
              byte[] head =
                  "--fuzz\r\nContent-Disposition: form-data; name=\"file\"\r\n\r\n"
                      .getBytes(StandardCharsets.ISO_8859_1);
              byte[] tail = "\r\n--fuzz--\r\n".getBytes(StandardCharsets.ISO_8859_1);
              byte[] out = new byte[head.length + image.length + tail.length];
              System.arraycopy(head, 0, out, 0, head.length);
              System.arraycopy(image, 0, out, head.length, image.length);
              System.arraycopy(tail, 0, out, head.length + image.length, tail.length);
              return out;
            });
    Arbitrary<byte[]> headers =
        Combinators.combine(
                Arbitraries.of(
                    "II*\0",
                    "MM\0*",
                    "\u00ff\u00d8\u00ff",
                    "\u0089PNG",
                    "RIFF",
                    "GIF8",
                    "BM",
                    "\0\0\0\u0018ftyp"),
                Arbitraries.bytes().array(byte[].class).ofMaxSize(200))
            .as(
                (magic, rest) -> {
                  byte[] start = magic.getBytes(StandardCharsets.ISO_8859_1);
                  byte[] out = java.util.Arrays.copyOf(start, start.length + rest.length);
                  System.arraycopy(rest, 0, out, start.length, rest.length);
                  return out;
                });
    return Arbitraries.oneOf(
        mutatedPng, multipart, headers, Arbitraries.bytes().array(byte[].class).ofMaxSize(300));
  }

  // --- Requests and the property -----------------------------------------------------------------

  private static Response post(String path, String contentType, byte[] body) {
    return Api.asTenant()
        .config(
            RestAssured.config()
                .encoderConfig(
                    EncoderConfig.encoderConfig()
                        .appendDefaultContentCharsetToContentTypeIfUndefined(false)))
        .header("Content-Type", contentType)
        .body(body)
        .post(path);
  }

  private static void assertHandled(Response response, Object input) {
    String shown =
        input instanceof byte[] bytes
            ? new String(bytes, StandardCharsets.UTF_8)
            : input.toString();
    int status = response.statusCode();
    assertThat(status).as("status for %s: %s", shown, response.asString()).isLessThan(500);
    if (status >= 400) {
      assertThat(response.contentType())
          .as("type for %s", shown)
          .startsWith("application/problem+json");
      assertThat(response.jsonPath().getString("code")).as("code for %s", shown).isNotBlank();
    }
  }
}
