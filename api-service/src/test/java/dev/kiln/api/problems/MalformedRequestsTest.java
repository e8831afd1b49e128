package dev.kiln.api.problems;

import static io.restassured.RestAssured.given;
import static io.restassured.config.EncoderConfig.encoderConfig;
import static org.assertj.core.api.Assertions.assertThat;

import dev.kiln.api.support.Api;
import dev.kiln.api.support.Webhooks;
import dev.kiln.infra.KilnTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Malformed requests over every endpoint, one row each: wrong methods, missing or wrong content
 * types, broken JSON, wrong types, huge and negative numbers, unknown fields, control characters
 * and NULs in paths, query parameters and bodies, overlong ids, bad paging. Each is a 4xx problem
 * document with its stable code (and the field at fault where there is one), never a 500.
 */
@QuarkusTest
@QuarkusTestResource(value = KilnTestResource.class, restrictToAnnotatedClass = false)
class MalformedRequestsTest {

  private static final String JSON = "application/json";
  private static final String NO_KEY = "-";

  /** One malformed request and the problem it must get. */
  record Case(
      String method,
      String path,
      String contentType,
      String body,
      Map<String, String> headers,
      int status,
      String code,
      String field) {

    @Override
    public String toString() {
      String shown = body == null ? "" : " " + body;
      return method
          + " "
          + abbreviate(path)
          + (contentType == null ? "" : " [" + contentType + "]")
          + abbreviate(shown)
          + (headers.isEmpty() ? "" : " " + abbreviate(headers.toString()))
          + " → "
          + status
          + " "
          + code;
    }

    private static String abbreviate(String text) {
      String printable = text.replaceAll("\\p{Cntrl}", "·");
      return printable.length() > 80 ? printable.substring(0, 77) + "..." : printable;
    }
  }

  /** Ids of real objects of the bootstrap tenant, made once, for paths like {@code {job}}. */
  private static Map<String, String> fixtures;

  static List<Case> cases() {
    Table t = new Table();
    methods(t);
    contentTypes(t);
    brokenJson(t);
    wrongTypes(t);
    controlCharacters(t);
    idsAndPaths(t);
    paging(t);
    headers(t);
    uploads(t);
    return t.cases;
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void isAProblemWithItsCode(Case c) {
    RequestSpecification request =
        given()
            .config(
                RestAssured.config()
                    .encoderConfig(
                        encoderConfig().appendDefaultContentCharsetToContentTypeIfUndefined(false)))
            .urlEncodingEnabled(false);
    if (!c.headers().containsKey("Authorization")) {
      request.header("Authorization", "Bearer " + Api.key());
    }
    c.headers()
        .forEach(
            (name, value) -> {
              if (!NO_KEY.equals(value)) {
                request.header(name, value);
              }
            });
    if (c.contentType() != null) {
      request.header("Content-Type", c.contentType());
    }
    if (c.body() != null) {
      request.body(resolve(c.body()).getBytes(StandardCharsets.UTF_8));
    }
    Response response = request.request(c.method(), resolve(c.path()));

    assertThat(response.statusCode())
        .as("status of %s, body %s", c, response.asString())
        .isEqualTo(c.status());
    assertThat(response.contentType())
        .as("content type of %s", c)
        .startsWith("application/problem+json");
    assertThat(response.jsonPath().getString("code")).as("code of %s", c).isEqualTo(c.code());
    assertThat(response.jsonPath().getInt("status")).isEqualTo(c.status());
    if (c.field() != null) {
      assertThat(response.jsonPath().getList("errors.field", String.class))
          .as("fields of %s", c)
          .contains(c.field());
    }
  }

  private static String resolve(String path) {
    if (!path.contains("{")) {
      return path;
    }
    synchronized (MalformedRequestsTest.class) {
      if (fixtures == null) {
        String media = Api.uploadPng(8, 8);
        String job = Api.submitResize(media, 4, 4);
        String endpoint =
            Webhooks.createEndpoint("http://127.0.0.1:9/hooks", List.of("job.completed"))
                .getString("id");
        String delivery =
            Api.asTenant()
                .post("/v1/webhook-endpoints/" + endpoint + "/test")
                .then()
                .statusCode(202)
                .extract()
                .path("id");
        // Disabled, the endpoint gets none of the later tests' job events.
        Api.asTenant()
            .contentType("application/json")
            .body("{\"enabled\": false}")
            .patch("/v1/webhook-endpoints/" + endpoint)
            .then()
            .statusCode(200);
        fixtures = Map.of("{media}", media, "{job}", job, "{whe}", endpoint, "{whd}", delivery);
      }
    }
    String resolved = path;
    for (Map.Entry<String, String> fixture : fixtures.entrySet()) {
      resolved = resolved.replace(fixture.getKey(), fixture.getValue());
    }
    return resolved;
  }

  // --- The table -------------------------------------------------------------------------------

  private static final String JOB_BODY =
      "{\"input\": {\"media_id\": \"%s\"}, \"preset\": \"avatar\"%s}";

  /** A submit body with one more member (or none), whose media need not exist for type errors. */
  private static String job(String more) {
    return JOB_BODY.formatted("med_06F8Q3KX0E1TG8P0Q6V1S1M9ZC", more.isEmpty() ? "" : ", " + more);
  }

  private static String resize(String width) {
    return "{\"input\": {\"media_id\": \"med_06F8Q3KX0E1TG8P0Q6V1S1M9ZC\"}, \"pipeline\":"
        + " [{\"op\": \"resize\", \"width\": "
        + width
        + ", \"height\": 10}]}";
  }

  private static String sticker(String more) {
    return "{\"input\": {\"media_id\": \"med_06F8Q3KX0E1TG8P0Q6V1S1M9ZC\"}"
        + (more.isEmpty() ? "" : ", " + more)
        + "}";
  }

  private static void methods(Table t) {
    String[][] wrong = {
      {"PUT", "/v1/jobs"},
      {"DELETE", "/v1/jobs"},
      {"PATCH", "/v1/jobs"},
      {"PUT", "/v1/jobs/{job}"},
      {"DELETE", "/v1/jobs/{job}"},
      {"POST", "/v1/jobs/{job}"},
      {"GET", "/v1/jobs/{job}/cancel"},
      {"DELETE", "/v1/jobs/{job}/cancel"},
      {"POST", "/v1/jobs/{job}/events"},
      {"POST", "/v1/jobs/{job}/deliveries"},
      {"GET", "/v1/stickers"},
      {"PUT", "/v1/stickers"},
      {"DELETE", "/v1/stickers"},
      {"PUT", "/v1/media"},
      {"DELETE", "/v1/media"},
      {"PUT", "/v1/media/{media}"},
      {"POST", "/v1/media/{media}"},
      {"PATCH", "/v1/media/{media}"},
      {"POST", "/v1/account"},
      {"PUT", "/v1/account"},
      {"DELETE", "/v1/account"},
      {"PUT", "/v1/account/webhook-secret"},
      {"DELETE", "/v1/account/webhook-secret"},
      {"PUT", "/v1/webhook-endpoints"},
      {"DELETE", "/v1/webhook-endpoints"},
      {"POST", "/v1/webhook-endpoints/{whe}"},
      {"PUT", "/v1/webhook-endpoints/{whe}"},
      {"GET", "/v1/webhook-endpoints/{whe}/rotate-secret"},
      {"GET", "/v1/webhook-endpoints/{whe}/test"},
      {"POST", "/v1/webhook-endpoints/{whe}/deliveries"},
      {"POST", "/v1/webhook-deliveries/{whd}"},
      {"DELETE", "/v1/webhook-deliveries/{whd}"},
      {"GET", "/v1/webhook-deliveries/{whd}/redeliver"},
      {"POST", "/v1/webhooks/event-schema"},
      {"POST", "/v1/events"},
      {"DELETE", "/v1/events"}
    };
    for (String[] request : wrong) {
      t.add(request[0], request[1], null, null, 405, "method_not_allowed");
    }
  }

  private static void contentTypes(Table t) {
    String body = job("");
    for (String type :
        List.of(
            "text/plain",
            "application/xml",
            "application/yaml",
            "image/png",
            "application/octet-stream")) {
      t.add("POST", "/v1/jobs", type, body, 415, "unsupported_media_type");
    }
    t.add("POST", "/v1/stickers", "text/plain", sticker(""), 415, "unsupported_media_type");
    t.add("POST", "/v1/stickers", "application/xml", "<sticker/>", 415, "unsupported_media_type");
    t.add("POST", "/v1/webhook-endpoints", "text/plain", "{}", 415, "unsupported_media_type");
    t.add("PATCH", "/v1/webhook-endpoints/{whe}", "text/csv", "a,b", 415, "unsupported_media_type");
  }

  private static void brokenJson(Table t) {
    List<String> broken =
        List.of(
            "{",
            "}",
            "[",
            "{\"input\":",
            "nul",
            "{'input': {}}",
            "{\"preset\" \"avatar\"}",
            "{\"preset\": \"avatar\",}",
            "/* comment */ {}",
            "{\"priority\": NaN}",
            job("") + " trailing",
            job("") + "{}",
            "{\"preset\": \"avatar\", \"preset\": \"thumbnail\"}",
            "{\"input\": {\"media_id\": \"a\", \"media_id\": \"b\"}}",
            "{\"preset\": \"a\u0001b\"}",
            "{\"preset\": \"\\x41\"}");
    for (String body : broken) {
      t.add("POST", "/v1/jobs", JSON, body, 400, "malformed_json");
    }
    t.add("POST", "/v1/stickers", JSON, "{\"input\": ", 400, "malformed_json");
    t.add("POST", "/v1/stickers", JSON, sticker("") + "]", 400, "malformed_json");
    t.add("POST", "/v1/stickers", JSON, "{\"size\": 1, \"size\": 2}", 400, "malformed_json");
    t.add("POST", "/v1/webhook-endpoints", JSON, "{\"url\": ", 400, "malformed_json");
    t.add("POST", "/v1/webhook-endpoints", JSON, "{\"url\": \"a\"} x", 400, "malformed_json");
    t.add("PATCH", "/v1/webhook-endpoints/{whe}", JSON, "{enabled: false}", 400, "malformed_json");
    t.add(
        "PATCH",
        "/v1/webhook-endpoints/{whe}",
        JSON,
        "{\"enabled\": false, \"enabled\": true}",
        400,
        "malformed_json");
  }

  /** A submit member (after input and preset) and the field a 422 must name. */
  private static final String[][] JOB_MEMBERS = {
    {"\"priority\": \"1\"", "priority"},
    {"\"priority\": 1.5", "priority"},
    {"\"priority\": true", "priority"},
    {"\"priority\": [1]", "priority"},
    {"\"priority\": -1", "priority"},
    {"\"priority\": 10", "priority"},
    {"\"priority\": 99999999999", "priority"},
    {"\"priority\": 1" + "0".repeat(400), "priority"},
    {"\"deadline_seconds\": \"60\"", "deadline_seconds"},
    {"\"deadline_seconds\": 60.5", "deadline_seconds"},
    {"\"deadline_seconds\": -5", "deadline_seconds"},
    {"\"deadline_seconds\": 0", "deadline_seconds"},
    {"\"deadline_seconds\": 2147483648", "deadline_seconds"},
    {"\"webhook_events\": \"job.completed\"", "webhook_events"},
    {"\"webhook_url\": 5", "webhook_url"},
    {"\"prioritty\": 1", "prioritty"}
  };

  /** A resize width and, for each, a 422 on {@code pipeline[0].width}. */
  private static final List<String> RESIZE_WIDTHS =
      List.of("10.5", "\"10\"", "true", "1e3", "-10", "0", "100000000", "99999999999999999999");

  /** A sticker option and the field a 422 must name. */
  private static final String[][] STICKER_MEMBERS = {
    {"\"size\": \"512\"", "size"},
    {"\"size\": 512.5", "size"},
    {"\"size\": -1", "size"},
    {"\"size\": 1000000", "size"},
    {"\"outline_width\": true", "outline_width"},
    {"\"outline_width\": -3", "outline_width"},
    {"\"feather\": \"soft\"", "feather"},
    {"\"feather\": -0.5", "feather"},
    {"\"feather\": 1e308", "feather"},
    {"\"tolerance\": []", "tolerance"},
    {"\"tolerance\": -1", "tolerance"},
    {"\"outline_color\": 255", "outline_color"},
    {"\"max_bytes\": \"1000\"", "max_bytes"},
    {"\"max_bytes\": -1", "max_bytes"},
    {"\"max_bytes\": 99999999999999999999999", "max_bytes"},
    {"\"sise\": 512", "sise"}
  };

  /** A webhook endpoint body and the field a 422 must name. */
  private static final String[][] ENDPOINT_BODIES = {
    {"{\"url\": 5}", "url"},
    {"{\"url\": \"http://127.0.0.1:9/\", \"events\": \"job.failed\"}", "events"},
    {"{\"url\": \"http://127.0.0.1:9/\", \"enabled\": \"true\"}", "enabled"},
    {"{\"url\": \"http://127.0.0.1:9/\", \"include_result\": 1}", "include_result"},
    {"{\"url\": \"http://127.0.0.1:9/\", \"secret\": \"x\"}", "secret"}
  };

  /** Wrong types, out-of-range and huge numbers, unknown fields: 422 naming the field. */
  private static void wrongTypes(Table t) {
    for (String[] member : JOB_MEMBERS) {
      t.invalid("POST", "/v1/jobs", job(member[0]), member[1]);
    }
    for (String width : RESIZE_WIDTHS) {
      t.invalid("POST", "/v1/jobs", resize(width), "pipeline[0].width");
    }
    for (String[] member : STICKER_MEMBERS) {
      t.invalid("POST", "/v1/stickers", sticker(member[0]), member[1]);
    }
    for (String[] body : ENDPOINT_BODIES) {
      t.invalid("POST", "/v1/webhook-endpoints", body[0], body[1]);
    }
    String[][] submits = {
      {"{\"input\": \"med_x\", \"preset\": \"avatar\"}", "input"},
      {"{\"input\": {\"media_id\": 42}, \"preset\": \"avatar\"}", "input.media_id"},
      {"{\"input\": {\"media_id\": true}, \"preset\": \"avatar\"}", "input.media_id"},
      {
        "{\"input\": {\"media_id\": \"m\", \"mediaid\": \"x\"}, \"preset\": \"avatar\"}",
        "input.mediaid"
      },
      {"{\"input\": {\"media_id\": \"m\"}, \"preset\": 7}", "preset"},
      {"{\"input\": {\"media_id\": \"m\"}, \"pipeline\": {}}", "pipeline"},
      {"{\"input\": {\"media_id\": \"m\"}, \"pipeline\": [{\"op\": 5}]}", "pipeline[0]"},
      {"{\"input\": {\"media_id\": \"m\"}, \"pipeline\": [{\"op\": \"explode\"}]}", "pipeline[0]"},
      {"{\"input\": {\"media_id\": \"m\"}, \"pipeline\": [7]}", "pipeline[0]"}
    };
    for (String[] body : submits) {
      t.invalid("POST", "/v1/jobs", body[0], body[1]);
    }
    t.invalid("POST", "/v1/jobs", resize("10, \"widht\": 5"), "pipeline[0].widht");
    t.invalid("PATCH", "/v1/webhook-endpoints/{whe}", "{\"description\": 5}", "description");
    t.invalid("PATCH", "/v1/webhook-endpoints/{whe}", "{\"enabled\": \"no\"}", "enabled");
    t.invalid("PATCH", "/v1/webhook-endpoints/{whe}", "{\"id\": \"whe_x\"}", "id");
  }

  private static void controlCharacters(Table t) {
    for (String path :
        List.of(
            "/v1/jobs/job_%00",
            "/v1/jobs/%0A/events",
            "/v1/jobs/job_%1F/cancel",
            "/v1/media/med_%00",
            "/v1/webhook-endpoints/%00/deliveries",
            "/v1/webhook-deliveries/whd_%07/redeliver")) {
      t.add(
          path.endsWith("cancel") || path.endsWith("redeliver") ? "POST" : "GET",
          path,
          null,
          null,
          404,
          "not_found");
    }
    t.add(
        "POST",
        "/v1/jobs",
        JSON,
        "{\"input\": {\"media_id\": \"med_\\u0000\"}, \"preset\": \"avatar\"}",
        422,
        "media_not_found");
    t.invalid(
        "POST",
        "/v1/jobs",
        "{\"input\": {\"url\": \"http://exa\\u0000mple.com/a.png\"}, \"preset\": \"avatar\"}",
        null);
    t.add(
        "POST",
        "/v1/stickers",
        JSON,
        "{\"input\": {\"media_id\": \"med_\\u0000\"}}",
        422,
        "media_not_found");
    t.invalid("POST", "/v1/webhook-endpoints", "{\"url\": \"http://127.0.0.1:9/\\u0000\"}", "url");
    t.invalid(
        "POST",
        "/v1/webhook-endpoints",
        "{\"url\": \"http://127.0.0.1:9/\", \"description\": \"a\\u0000\"}",
        null);
    t.add("GET", "/v1/media?cursor=med_%00", null, null, 422, "validation_failed");
    t.add("GET", "/v1/webhook-endpoints?cursor=%00", null, null, 422, "validation_failed");
    t.add("GET", "/v1/jobs/{job}/deliveries?status=%00", null, null, 422, "validation_failed");
  }

  private static void idsAndPaths(Table t) {
    String longId = "x".repeat(5000);
    t.add("GET", "/v1/jobs/job_" + longId, null, null, 404, "not_found");
    t.add("GET", "/v1/jobs/job_" + longId + "/events", null, null, 404, "not_found");
    t.add("POST", "/v1/jobs/job_" + longId + "/cancel", null, null, 404, "not_found");
    t.add("GET", "/v1/jobs/job_" + longId + "/deliveries", null, null, 404, "not_found");
    t.add("GET", "/v1/media/med_" + longId, null, null, 404, "not_found");
    t.add("GET", "/v1/webhook-endpoints/whe_" + longId, null, null, 404, "not_found");
    t.add("DELETE", "/v1/webhook-endpoints/whe_" + longId, null, null, 404, "not_found");
    t.add("GET", "/v1/webhook-deliveries/whd_" + longId, null, null, 404, "not_found");
    t.add("GET", "/v1/jobs/med_06F8Q3KX0E1TG8P0Q6V1S1M9ZC", null, null, 404, "not_found");
    t.add("GET", "/v1/media/{job}", null, null, 404, "not_found");
    t.add("POST", "/v1/webhook-deliveries/{job}/redeliver", null, null, 404, "not_found");
    t.add("GET", "/v1/nothing", null, null, 404, "not_found");
    t.add("GET", "/v1/jobs/{job}/nothing", null, null, 404, "not_found");
    t.add("GET", "/v1/jobs/" + "x".repeat(9000), null, null, 414, "uri_too_long");
    t.add("GET", "/v1/media?cursor=" + "x".repeat(9000), null, null, 414, "uri_too_long");
  }

  private static void paging(Table t) {
    for (String list :
        List.of(
            "/v1/media",
            "/v1/jobs",
            "/v1/jobs?status=queued",
            "/v1/account/ledger",
            "/v1/webhook-endpoints",
            "/v1/webhook-endpoints/{whe}/deliveries",
            "/v1/jobs/{job}/deliveries")) {
      String and = list.contains("?") ? "&" : "?";
      t.add("GET", list + and + "limit=0", null, null, 422, "validation_failed", "limit");
      t.add("GET", list + and + "limit=101", null, null, 422, "validation_failed", "limit");
      t.add("GET", list + and + "limit=-1", null, null, 422, "validation_failed", "limit");
      t.add("GET", list + and + "limit=abc", null, null, 422, "validation_failed", "limit");
      t.add("GET", list + and + "limit=99999999999", null, null, 422, "validation_failed", "limit");
      t.add("GET", list + and + "cursor=nope", null, null, 422, "validation_failed", "cursor");
    }
    t.add(
        "GET",
        "/v1/jobs/{job}/deliveries?status=sideways",
        null,
        null,
        422,
        "validation_failed",
        "status");
    t.add("GET", "/v1/jobs?ids=", null, null, 422, "validation_failed", "ids");
    t.add("GET", "/v1/jobs?status=done", null, null, 422, "validation_failed", "status");
    t.add(
        "GET",
        "/v1/jobs?created_after=yesterday",
        null,
        null,
        422,
        "validation_failed",
        "created_after");
    t.add("GET", "/v1/jobs?ids=job_a&limit=5", null, null, 422, "validation_failed", "ids");
    t.add("POST", "/v1/jobs/job_%00/rerun", null, null, 404, "not_found");
    t.add("GET", "/v1/account/ledger?cursor=abc", null, null, 422, "validation_failed", "cursor");
    t.add("GET", "/v1/account/ledger?job_id=x%00", null, null, 422, "validation_failed", "job_id");
    t.add(
        "GET", "/v1/jobs?ids=" + "job_a,".repeat(101), null, null, 422, "validation_failed", "ids");
  }

  private static void headers(Table t) {
    for (String[] request :
        new String[][] {
          {"GET", "/v1/account"},
          {"POST", "/v1/jobs"},
          {"POST", "/v1/stickers"},
          {"POST", "/v1/media"},
          {"GET", "/v1/media"},
          {"GET", "/v1/webhook-endpoints"},
          {"GET", "/v1/events"},
          {"GET", "/v1/jobs/{job}/events"},
          {"POST", "/v1/jobs/{job}/cancel"},
          {"GET", "/v1/webhook-deliveries/{whd}"},
          {"GET", "/v1/account/webhook-secret"}
        }) {
      t.header(request[0], request[1], "Authorization", NO_KEY, 401, "unauthorized");
    }
    for (String authorization :
        List.of("Bearer kiln_sk_nope", "Basic a2lsbjprZXk=", "Bearer " + "k".repeat(4000))) {
      t.header("GET", "/v1/account", "Authorization", authorization, 401, "unauthorized");
    }
    t.header("POST", "/v1/media", "Authorization", "Bearer kiln_sk_nope", 401, "unauthorized");
    t.header("GET", "/v1/account", "Accept", "application/xml", 406, "not_acceptable");
    t.header("GET", "/v1/events", "Accept", "application/json", 406, "not_acceptable");
    t.header("GET", "/v1/jobs/{job}/events", "Accept", "image/png", 406, "not_acceptable");
    t.header(
        "GET", "/v1/account", "X-Padding", "p".repeat(17_000), 431, "request_headers_too_large");
    t.add(
        "POST",
        "/v1/jobs",
        JSON,
        job(""),
        Map.of("Idempotency-Key", "k".repeat(300)),
        422,
        "validation_failed",
        "Idempotency-Key");
    t.add(
        "POST",
        "/v1/stickers",
        JSON,
        sticker(""),
        Map.of("Idempotency-Key", "bad\tkey"),
        422,
        "validation_failed",
        "Idempotency-Key");
  }

  private static void uploads(Table t) {
    t.add("POST", "/v1/media", "", "abc", 415, "unsupported_media_type");
    t.add("POST", "/v1/media", "text/plain", "abc", 415, "unsupported_media_type");
    t.add("POST", "/v1/media", JSON, "{}", 415, "unsupported_media_type");
    t.add("POST", "/v1/media", "multipart/form-data", "abc", 415, "unsupported_media_type");
    t.add(
        "POST",
        "/v1/media",
        "multipart/form-data; boundary=",
        "abc",
        415,
        "unsupported_media_type");
    t.add(
        "POST",
        "/v1/media",
        "multipart/form-data; boundary=" + "b".repeat(71),
        "abc",
        415,
        "unsupported_media_type");
    t.add(
        "POST",
        "/v1/media",
        "multipart/form-data; boundary=xyz",
        "abc",
        400,
        "malformed_multipart");
    t.add(
        "POST",
        "/v1/media",
        "multipart/form-data; boundary=xyz",
        "--xyz\r\nContent-Disposition: form-data; name=\"file\"\r\n\r\nabc",
        400,
        "malformed_multipart");
    t.add(
        "POST",
        "/v1/media",
        "multipart/form-data; boundary=xyz",
        "--xyz\r\nno end of headers",
        400,
        "malformed_multipart");
    t.add(
        "POST",
        "/v1/media",
        "multipart/form-data; boundary=xyz",
        "--xyz--\r\n",
        422,
        "validation_failed",
        "file");
    t.add(
        "POST",
        "/v1/media",
        "multipart/form-data; boundary=xyz",
        "--xyz\r\nContent-Disposition: form-data; name=\"file\"\r\n\r\nnot an image\r\n--xyz--\r\n",
        422,
        "invalid_image");
    t.add("POST", "/v1/media", "image/png", null, 422, "invalid_image");
    t.add("POST", "/v1/media", "image/png", "not a png", 422, "invalid_image");
    t.add(
        "POST",
        "/v1/media",
        "application/octet-stream",
        "\u0000\u0000\u0000",
        422,
        "invalid_image");
    t.add(
        "POST",
        "/v1/media",
        "image/heic",
        "\u0000\u0000\u0000\u0018ftypheic\u0000\u0000\u0000\u0000",
        415,
        "unsupported_format");
    t.add("POST", "/v1/media", "application/pdf", "%PDF-1.7", 415, "unsupported_media_type");
    t.add(
        "POST", "/v1/media", "application/octet-stream", "%PDF-1.7 ...", 415, "unsupported_format");
  }

  /** Rows of the table, built by the methods above. */
  private static final class Table {
    final List<Case> cases = new ArrayList<>();

    void add(String method, String path, String type, String body, int status, String code) {
      add(method, path, type, body, Map.of(), status, code, null);
    }

    void add(
        String method,
        String path,
        String type,
        String body,
        int status,
        String code,
        String field) {
      add(method, path, type, body, Map.of(), status, code, field);
    }

    void add(
        String method,
        String path,
        String type,
        String body,
        Map<String, String> headers,
        int status,
        String code,
        String field) {
      cases.add(
          new Case(method, path, type, body, new LinkedHashMap<>(headers), status, code, field));
    }

    /** A request without a body but with one header. */
    void header(String method, String path, String name, String value, int status, String code) {
      add(method, path, null, null, Map.of(name, value), status, code, null);
    }

    /** A JSON body answered 422 validation_failed, naming the field when given. */
    void invalid(String method, String path, String body, String field) {
      add(method, path, JSON, body, 422, "validation_failed", field);
    }
  }
}
