package dev.kiln.api.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.restassured.filter.Filter;
import io.restassured.filter.FilterContext;
import io.restassured.response.Response;
import io.restassured.specification.FilterableRequestSpecification;
import io.restassured.specification.FilterableResponseSpecification;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Checks every response a test receives through RestAssured against the OpenAPI document the
 * application serves: the status is documented for the operation, the content type is one the
 * response declares, and the JSON body's properties are the documented ones (no unknown property,
 * no missing required one, no null where the schema does not allow it, enum values known). A
 * mismatch fails the test with what is missing and where to add it. Installed for every
 * {@code @QuarkusTest} by {@link OpenApiContractInstaller}.
 */
public final class OpenApiContract implements Filter {

  static final OpenApiContract INSTANCE = new OpenApiContract();

  private static final Set<String> METHODS = Set.of("GET", "POST", "PUT", "PATCH", "DELETE");
  private static final String TABLE = "dev.kiln.api.openapi.Endpoints";

  private static volatile OpenApiDocument document;

  private OpenApiContract() {}

  @Override
  public Response filter(
      FilterableRequestSpecification request,
      FilterableResponseSpecification response,
      FilterContext context) {
    Response answer = context.next(request, response);
    URI uri = URI.create(request.getURI());
    if (uri.getRawPath().startsWith("/v1/") && METHODS.contains(request.getMethod())) {
      List<String> problems = check(request.getMethod(), uri, answer);
      if (!problems.isEmpty()) {
        throw new AssertionError(
            "The response does not match the OpenAPI document (/q/openapi):\n- "
                + String.join("\n- ", problems));
      }
    }
    return answer;
  }

  private static List<String> check(String method, URI uri, Response answer) {
    return check(document(uri), method, uri, answer);
  }

  /** What is wrong with {@code answer} to {@code method uri} by {@code doc}; empty when nothing. */
  static List<String> check(OpenApiDocument doc, String method, URI uri, Response answer) {
    String path = uri.getRawPath();
    int status = answer.statusCode();
    String call = method + " " + path + " answered " + status;
    Optional<String> template = doc.template(path);
    if (template.isEmpty()) {
      return status == 404 || status == 405
          ? List.of()
          : List.of(call + " but the document has no path matching " + path + "." + howToAdd());
    }
    JsonNode operation = doc.operation(method, template.get());
    if (operation.isMissingNode()) {
      return status == 405 || status == 404
          ? List.of()
          : List.of(
              call
                  + " but the document has no "
                  + method
                  + " "
                  + template.get()
                  + "."
                  + howToAdd());
    }
    String id = method + " " + template.get() + " (" + operation.path("operationId").asText() + ")";
    JsonNode documented = doc.response(operation, status);
    if (documented.isMissingNode()) {
      String code = codeOf(answer);
      String fix =
          status < 400
              ? "declare it on the operation's line in "
                  + TABLE
                  + " (.created(schema), .accepted(schema), .noContent() or .ok(schema))"
              : "add "
                  + status
                  + " to .problems(...) of the operation's line in "
                  + TABLE
                  + (code == null ? "" : " (a new code goes into ProblemCode first)");
      return List.of(
          id
              + " answered "
              + status
              + (code == null ? "" : " (code " + code + ")")
              + ", which the document does not list for it: "
              + fix
              + ".");
    }
    String contentType = mediaType(answer.contentType());
    if (contentType.isEmpty() || answer.asByteArray().length == 0) {
      return List.of();
    }
    JsonNode content = documented.path("content");
    JsonNode media = content.path(contentType);
    if (media.isMissingNode()) {
      List<String> names = new ArrayList<>();
      content.fieldNames().forEachRemaining(names::add);
      return List.of(
          id
              + " answered "
              + status
              + " as "
              + contentType
              + " but the document gives "
              + (names.isEmpty() ? "no body" : names)
              + " for that status.");
    }
    if (!contentType.endsWith("json")) {
      return List.of();
    }
    JsonNode body;
    try {
      body = new ObjectMapper().readTree(answer.asByteArray());
    } catch (IOException e) {
      return List.of(id + " answered " + status + " with a body that is not JSON");
    }
    List<String> problems = new ArrayList<>();
    new BodyCheck(doc, problems).check(body, media.path("schema"), "$");
    return problems.stream().map(p -> id + " " + status + ": " + p).toList();
  }

  /**
   * What is wrong with {@code value} by {@code schema} of the document {@code root}: unknown,
   * missing or null properties, values outside an enum.
   */
  public static List<String> findings(JsonNode root, JsonNode value, JsonNode schema) {
    List<String> findings = new ArrayList<>();
    new BodyCheck(OpenApiDocument.of(root), findings).check(value, schema, "$");
    return findings;
  }

  private static String howToAdd() {
    return " Document the new resource method with a line in " + TABLE + ".";
  }

  private static String codeOf(Response answer) {
    try {
      return answer.contentType() != null && answer.contentType().contains("json")
          ? answer.jsonPath().getString("code")
          : null;
    } catch (RuntimeException e) {
      return null;
    }
  }

  private static String mediaType(String contentType) {
    if (contentType == null) {
      return "";
    }
    int semicolon = contentType.indexOf(';');
    return (semicolon < 0 ? contentType : contentType.substring(0, semicolon)).trim().toLowerCase();
  }

  private static OpenApiDocument document(URI uri) {
    OpenApiDocument loaded = document;
    if (loaded == null) {
      synchronized (OpenApiContract.class) {
        if (document == null) {
          document = OpenApiDocument.fetch(uri.resolve("/q/openapi?format=json"));
        }
        loaded = document;
      }
    }
    return loaded;
  }

  /** The parsed document, with path templates matched most specific first. */
  record OpenApiDocument(JsonNode root, List<String> templates) {

    static OpenApiDocument fetch(URI uri) {
      try {
        HttpResponse<String> answer =
            HttpClient.newHttpClient()
                .send(
                    HttpRequest.newBuilder(uri).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
        return of(new ObjectMapper().readTree(answer.body()));
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      }
    }

    static OpenApiDocument of(JsonNode root) {
      List<String> templates = new ArrayList<>();
      root.path("paths").fieldNames().forEachRemaining(templates::add);
      templates.sort(Comparator.comparing((String t) -> t.chars().filter(c -> c == '{').count()));
      return new OpenApiDocument(root, templates);
    }

    Optional<String> template(String path) {
      return templates.stream()
          .filter(t -> path.matches(t.replaceAll("\\{[^}]+}", "[^/]+").replace("-", "\\-")))
          .findFirst();
    }

    JsonNode operation(String method, String template) {
      return root.path("paths").path(template).path(method.toLowerCase());
    }

    JsonNode response(JsonNode operation, int status) {
      JsonNode responses = operation.path("responses");
      for (String key : List.of(String.valueOf(status), status / 100 + "XX", "default")) {
        if (responses.has(key)) {
          return resolve(responses.get(key));
        }
      }
      return responses.path(String.valueOf(status));
    }

    JsonNode resolve(JsonNode node) {
      JsonNode current = node;
      while (current.has("$ref")) {
        current = root.at(current.get("$ref").asText().substring(1));
      }
      return current;
    }

    Map<String, String> unused() {
      return Map.of();
    }
  }
}
