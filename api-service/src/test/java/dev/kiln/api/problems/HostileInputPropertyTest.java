package dev.kiln.api.problems;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kiln.api.support.Api;
import dev.kiln.api.support.Samples;
import dev.kiln.api.support.TestImages;
import dev.kiln.infra.KilnTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.config.EncoderConfig;
import io.restassured.response.Response;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/**
 * Fuzzes the submit, sticker and upload bodies: whatever arrives, the answer is never a 5xx, and
 * every 4xx is a problem document with a code. Each test draws {@value #TRIES} samples from {@link
 * Samples} with its own fixed seed, so every run sends the same bodies (around the media id
 * uploaded for the run) and a failure names the seed and the body that caused it.
 */
@QuarkusTest
@QuarkusTestResource(value = KilnTestResource.class, restrictToAnnotatedClass = false)
class HostileInputPropertyTest {

  private static final int TRIES = 200;

  @Test
  void submitBodiesNeverFailTheServer() {
    String media = Api.uploadPng(8, 8);
    fuzzJson(0x5b317L, "/v1/jobs", s -> submitBody(s, media));
  }

  @Test
  void stickerBodiesNeverFailTheServer() {
    String media = Api.uploadPng(8, 8);
    fuzzJson(0x571c3L, "/v1/stickers", s -> stickerBody(s, media));
  }

  private static void fuzzJson(long seed, String path, Function<Samples, String> valid) {
    Samples.check(
        seed,
        TRIES,
        s -> body(s, valid),
        body ->
            assertHandled(post(path, "application/json", body.getBytes(StandardCharsets.UTF_8))));
  }

  @Test
  void uploadBodiesNeverFailTheServer() {
    Samples.check(
        0x0b10adL,
        TRIES,
        s ->
            new Upload(
                s.oneOf(
                    "image/png",
                    "image/jpeg",
                    "image/tiff",
                    "application/octet-stream",
                    "multipart/form-data; boundary=fuzz",
                    "multipart/form-data; boundary=\"fu zz\"",
                    "multipart/form-data",
                    "text/plain",
                    "",
                    "image/png; charset=\u0001"),
                uploadBytes(s)),
        upload -> assertHandled(post("/v1/media", upload.type(), upload.bytes())));
  }

  private record Upload(String type, byte[] bytes) {
    @Override
    public String toString() {
      return Samples.show(type) + " with " + bytes.length + " bytes: " + Samples.show(bytes);
    }
  }

  // --- Generators ------------------------------------------------------------------------------

  /** A valid body (3 in 10), the same with junk spliced in (5 in 10), or any text (2 in 10). */
  private static String body(Samples s, Function<Samples, String> valid) {
    return switch (s.weighted(3, 5, 2)) {
      case 0 -> valid.apply(s);
      case 1 -> {
        String body = valid.apply(s);
        int at = s.between(0, 400);
        String insert = junk(s);
        yield body.substring(0, Math.min(at, body.length()))
            + insert
            + body.substring(Math.min(at + insert.length() % 7, body.length()));
      }
      default -> s.string(300);
    };
  }

  private static String junk(Samples s) {
    return s.anyOf(
        () ->
            s.oneOf(
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
        () -> s.string(12));
  }

  private static String submitBody(Samples s, String media) {
    String in =
        s.oneOf(
            "{\"media_id\": \"" + media + "\"}",
            "{\"media_id\": \"med_nope\"}",
            "{\"url\": \"http://127.0.0.1:9/a.png\"}",
            "{\"url\": \"file:///etc/passwd\"}",
            "{}",
            "\"" + media + "\"",
            "null");
    String steps =
        "["
            + String.join(
                ",",
                s.list(
                    4,
                    () ->
                        "{\"op\": \""
                            + s.oneOf(
                                "resize", "crop", "rotate", "encode", "blur", "explode", "",
                                "RESIZE")
                            + "\", \"width\": "
                            + value(s)
                            + ", \"height\": "
                            + value(s)
                            + "}"))
            + "]";
    String name = s.oneOf("\"avatar\"", "\"thumbnail\"", "\"nope\"", "7", "null");
    String priority = value(s);
    String deadline = value(s);
    return switch (s.between(0, 3)) {
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
    };
  }

  private static String stickerBody(Samples s, String media) {
    return "{\"input\": {\"media_id\": \""
        + media
        + "\"}, \"size\": "
        + value(s)
        + ", \"outline_width\": "
        + value(s)
        + ", \"tolerance\": "
        + value(s)
        + ", \"feather\": "
        + value(s)
        + ", \"max_bytes\": "
        + value(s)
        + "}";
  }

  /** A JSON value of any type, often a number near a limit. */
  private static String value(Samples s) {
    return s.anyOf(
        () -> String.valueOf(s.anyInt()),
        () -> String.valueOf(s.between(-2, 5000)),
        () -> String.valueOf(s.anyLong()),
        () -> String.valueOf(s.anyDouble()),
        () ->
            s.oneOf(
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

  /** A PNG with one byte changed and maybe cut short, bare or in a form; magic bytes; any bytes. */
  private static byte[] uploadBytes(Samples s) {
    return switch (s.between(0, 3)) {
      case 0 -> mutatedPng(s);
      case 1 ->
          concat(
              "--fuzz\r\nContent-Disposition: form-data; name=\"file\"\r\n\r\n"
                  .getBytes(StandardCharsets.ISO_8859_1),
              mutatedPng(s),
              "\r\n--fuzz--\r\n".getBytes(StandardCharsets.ISO_8859_1));
      case 2 ->
          concat(
              s.oneOf(
                      "II*\0",
                      "MM\0*",
                      "\u00ff\u00d8\u00ff",
                      "\u0089PNG",
                      "RIFF",
                      "GIF8",
                      "BM",
                      "\0\0\0\u0018ftyp")
                  .getBytes(StandardCharsets.ISO_8859_1),
              s.bytes(200));
      default -> s.bytes(300);
    };
  }

  private static final byte[] PNG = TestImages.png(6, 5);

  private static byte[] mutatedPng(Samples s) {
    int at = s.between(0, PNG.length - 1);
    byte value = s.anyByte();
    byte[] copy = Arrays.copyOf(PNG, s.between(1, PNG.length));
    if (at < copy.length) {
      copy[at] = value;
    }
    return copy;
  }

  private static byte[] concat(byte[]... parts) {
    byte[] out = new byte[Arrays.stream(parts).mapToInt(part -> part.length).sum()];
    int at = 0;
    for (byte[] part : parts) {
      System.arraycopy(part, 0, out, at, part.length);
      at += part.length;
    }
    return out;
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

  /** The property; {@link Samples#check} adds the seed and the sample to a failure. */
  private static void assertHandled(Response response) {
    int status = response.statusCode();
    assertThat(status).as("status, answering %s", response.asString()).isLessThan(500);
    if (status >= 400) {
      assertThat(response.contentType()).as("type").startsWith("application/problem+json");
      assertThat(response.jsonPath().getString("code")).as("code").isNotBlank();
    }
  }
}
