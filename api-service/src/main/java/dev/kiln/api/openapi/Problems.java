package dev.kiln.api.openapi;

import dev.kiln.api.problems.Problem;
import dev.kiln.api.problems.ProblemCode;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.models.Components;
import org.eclipse.microprofile.openapi.models.media.Schema;
import org.eclipse.microprofile.openapi.models.responses.APIResponse;

/**
 * RFC 9457 problem responses: the {@code Problem} schema and one reusable response per status
 * ({@code #/components/responses/Problem422}), each listing the {@link ProblemCode}s of that
 * status, so a new code appears in the document without an edit here.
 */
final class Problems {

  /**
   * What any operation can answer: no or a bad key, a web page's origin that may not call the API,
   * an Accept it cannot satisfy, a URI or headers over the limits, the key's rate limit, and the
   * server's own failures.
   */
  static final Set<Integer> COMMON = Set.of(401, 403, 406, 414, 429, 431, 500, 503);

  /** Statuses of reading a JSON body: malformed, too large, wrong content type, invalid. */
  static final Set<Integer> JSON_BODY = Set.of(400, 413, 415, 422);

  static final String SCHEMA = "Problem";

  private Problems() {}

  /** The reference of the problem response for {@code status}. */
  static String ref(int status) {
    return "#/components/responses/Problem" + status;
  }

  static void register(Components components) {
    components.addSchema("Violation", violation());
    components.addSchema(SCHEMA, problem());
    for (Map.Entry<Integer, List<ProblemCode>> entry : byStatus().entrySet()) {
      components.addResponse(
          "Problem" + entry.getKey(), response(entry.getKey(), entry.getValue()));
    }
  }

  /** Every status some problem code has. */
  static Set<Integer> statuses() {
    return new TreeSet<>(byStatus().keySet());
  }

  private static Map<Integer, List<ProblemCode>> byStatus() {
    Map<Integer, List<ProblemCode>> all = new TreeMap<>();
    for (int status :
        new TreeSet<>(Arrays.stream(ProblemCode.values()).map(ProblemCode::status).toList())) {
      all.put(
          status, Arrays.stream(ProblemCode.values()).filter(c -> c.status() == status).toList());
    }
    return all;
  }

  private static APIResponse response(int status, List<ProblemCode> codes) {
    StringBuilder description = new StringBuilder("A problem; `code` is one of:");
    codes.forEach(
        c -> description.append("\n- `").append(c.code()).append("`: ").append(c.title()));
    APIResponse response =
        OASFactory.createAPIResponse()
            .description(description.toString())
            .content(
                OASFactory.createContent()
                    .addMediaType(
                        Problem.MEDIA_TYPE,
                        OASFactory.createMediaType()
                            .schema(
                                OASFactory.createSchema()
                                    .allOf(
                                        List.of(
                                            Schemas.ref(SCHEMA),
                                            OASFactory.createSchema()
                                                .addProperty(
                                                    "code",
                                                    OASFactory.createSchema()
                                                        .addType(Schema.SchemaType.STRING)
                                                        .enumeration(
                                                            codes.stream()
                                                                .map(c -> (Object) c.code())
                                                                .toList())))))
                            .example(Examples.problem(codes.getFirst()))));
    if (status == 429 || status == 503) {
      response.addHeader("Retry-After", Headers.ref(Headers.RETRY_AFTER));
    }
    if (status == 401) {
      response.addHeader(Headers.WWW_AUTHENTICATE, Headers.ref(Headers.WWW_AUTHENTICATE));
    }
    if (status == 429) {
      response.addHeader("RateLimit", Headers.ref(Headers.RATE_LIMIT));
      response.addHeader("RateLimit-Policy", Headers.ref(Headers.RATE_LIMIT_POLICY));
    }
    return response;
  }

  private static Schema problem() {
    return OASFactory.createSchema()
        .addType(Schema.SchemaType.OBJECT)
        .description(
            "An RFC 9457 problem document (application/problem+json). `code` is stable; switch on"
                + " it. Problem types may add extension members (e.g. `balance` on a 402).")
        .addProperty("type", Schemas.string("urn:kiln:problem:<code>").format("uri-reference"))
        .addProperty("title", Schemas.string("A short, human-readable summary of the code"))
        .addProperty(
            "status",
            OASFactory.createSchema()
                .addType(Schema.SchemaType.INTEGER)
                .format("int32")
                .description("The HTTP status"))
        .addProperty("detail", Schemas.string("What went wrong for this request"))
        .addProperty("instance", Schemas.string("The request path").format("uri-reference"))
        .addProperty(
            "code",
            Schemas.string("The stable, machine-readable problem code")
                .enumeration(
                    Arrays.stream(ProblemCode.values()).map(c -> (Object) c.code()).toList()))
        .addProperty(
            "errors",
            OASFactory.createSchema()
                .addType(Schema.SchemaType.ARRAY)
                .items(Schemas.ref("Violation"))
                .description("One entry per invalid field (on validation_failed)"))
        .required(List.of("type", "title", "status", "code"))
        .additionalPropertiesSchema(OASFactory.createSchema().description("Extension members"));
  }

  private static Schema violation() {
    return OASFactory.createSchema()
        .addType(Schema.SchemaType.OBJECT)
        .description("One reason a request is invalid")
        .addProperty(
            "field", Schemas.string("The JSON path of the offending value, e.g. pipeline[1].width"))
        .addProperty("message", Schemas.string("What is wrong"))
        .required(List.of("field", "message"));
  }
}
