package dev.kiln.api.openapi;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeName;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.kiln.api.support.OpenApiContract;
import dev.kiln.api.support.ResourceMethods;
import dev.kiln.api.support.ResourceMethods.ResourceMethod;
import dev.kiln.infra.KilnTestResource;
import dev.kiln.model.pipeline.Step;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.swagger.v3.parser.OpenAPIV3Parser;
import io.swagger.v3.parser.core.models.ParseOptions;
import io.swagger.v3.parser.core.models.SwaggerParseResult;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The document at /q/openapi is valid OpenAPI and describes every resource method of the
 * application exactly enough for a client: an id, a summary, a tag, its problem responses.
 */
@QuarkusTest
@QuarkusTestResource(value = KilnTestResource.class, restrictToAnnotatedClass = false)
class OpenApiDocumentTest {

  private static final String HOW =
      " (add a line to dev.kiln.api.openapi.Endpoints; see docs/openapi.md)";

  private static String text;
  private static JsonNode document;

  @BeforeEach
  void fetch() throws Exception {
    if (document != null) {
      return;
    }
    text = RestAssured.get("/q/openapi?format=json").then().statusCode(200).extract().asString();
    document = new ObjectMapper().readTree(text);
  }

  @Test
  void isValidOpenApi() {
    ParseOptions options = new ParseOptions();
    options.setResolve(true);
    SwaggerParseResult result = new OpenAPIV3Parser().readContents(text, null, options);
    assertThat(result.getMessages()).as("swagger-parser messages").isEmpty();
    assertThat(result.getOpenAPI().getPaths()).isNotEmpty();
  }

  @Test
  void describesEveryResourceMethod() {
    List<ResourceMethod> methods = ResourceMethods.all();
    assertThat(methods).hasSizeGreaterThan(20);
    List<String> missing = new ArrayList<>();
    for (ResourceMethod method : methods) {
      JsonNode operation = operation(method.method(), method.path());
      if (operation.isMissingNode()) {
        missing.add(method.key() + " of " + method.declaredAt() + " is not in the document");
        continue;
      }
      for (String member : List.of("operationId", "summary", "tags")) {
        if (operation.path(member).isMissingNode()) {
          missing.add(method.key() + " of " + method.declaredAt() + " has no " + member + HOW);
        }
      }
    }
    assertThat(missing).as("undocumented resource methods").isEmpty();
  }

  @Test
  void everyTableLineNamesARealOperation() {
    List<String> stale = new ArrayList<>();
    for (Endpoint endpoint : Endpoints.ALL) {
      if (operation(endpoint.method(), endpoint.path()).isMissingNode()) {
        stale.add(endpoint.key() + " is in Endpoints but the application has no such method");
      }
    }
    assertThat(stale).isEmpty();
  }

  @Test
  void everyOperationHasItsProblemResponses() {
    List<String> wrong = new ArrayList<>();
    forEachOperation(
        (key, operation) -> {
          JsonNode responses = operation.path("responses");
          for (String status : List.of("401", "500", "503")) {
            if (responses.path(status).isMissingNode()) {
              wrong.add(key + " does not document " + status);
            }
          }
          if (key.contains("{") && responses.path("404").isMissingNode()) {
            wrong.add(key + " has a path id but does not document 404");
          }
          responses
              .fieldNames()
              .forEachRemaining(
                  status -> {
                    if (status.startsWith("4") || status.startsWith("5")) {
                      JsonNode problem =
                          resolve(responses.path(status))
                              .path("content")
                              .path("application/problem+json");
                      if (problem.isMissingNode()) {
                        wrong.add(key + " " + status + " is not application/problem+json");
                      }
                    }
                  });
        });
    assertThat(wrong).isEmpty();
  }

  @Test
  void problemSchemaHasCodeErrorsAndExtensionMembers() {
    JsonNode problem = document.at("/components/schemas/Problem");
    assertThat(problem.path("properties").path("code").path("enum")).isNotEmpty();
    assertThat(problem.at("/properties/errors/items/$ref").asText())
        .isEqualTo("#/components/schemas/Violation");
    assertThat(problem.path("additionalProperties").isMissingNode()).isFalse();
    assertThat(document.at("/components/responses/Problem429/headers/Retry-After").isMissingNode())
        .isFalse();
  }

  @Test
  void successStatusesAndHeadersAreTheRealOnes() {
    assertThat(document.at("/paths/~1v1~1jobs/post/responses/202/headers/Location").isMissingNode())
        .isFalse();
    assertThat(document.at("/paths/~1v1~1jobs/post/responses/200").isMissingNode()).isTrue();
    assertThat(
            document.at("/paths/~1v1~1media/post/responses/201/headers/Location").isMissingNode())
        .isFalse();
    assertThat(
            document
                .at("/paths/~1v1~1webhook-endpoints~1{id}/delete/responses/204")
                .isMissingNode())
        .isFalse();
    JsonNode parameters = document.at("/paths/~1v1~1jobs/post/parameters");
    assertThat(parameters.toString()).contains("#/components/parameters/IdempotencyKey");
    assertThat(document.at("/components/securitySchemes/bearer/scheme").asText())
        .isEqualTo("bearer");
  }

  @Test
  void stepsAreAUnionOfEveryOpGeneratedFromTheModel() {
    JsonNode step = document.at("/components/schemas/Step");
    assertThat(step.at("/discriminator/propertyName").asText()).isEqualTo("op");
    Set<String> ops = new TreeSet<>();
    for (JsonSubTypes.Type type : Step.class.getAnnotation(JsonSubTypes.class).value()) {
      Class<?> record = type.value();
      String op = record.getAnnotation(JsonTypeName.class).value();
      ops.add(op);
      JsonNode schema = document.at("/components/schemas/" + record.getSimpleName());
      assertThat(schema.at("/properties/op/enum/0").asText()).as(op).isEqualTo(op);
      for (var component : record.getRecordComponents()) {
        String wire = component.getName().replaceAll("([A-Z])", "_$1").toLowerCase();
        assertThat(schema.path("properties").has(wire)).as(op + "." + wire).isTrue();
      }
    }
    Set<String> mapped = new TreeSet<>();
    step.at("/discriminator/mapping").fieldNames().forEachRemaining(mapped::add);
    assertThat(mapped).isEqualTo(ops);
    assertThat(step.path("oneOf")).hasSize(ops.size());
    assertThat(document.at("/components/schemas/ResizeStep/properties/fit/enum").toString())
        .contains("contain", "cover");
  }

  @Test
  void propertyNamesAreSnakeCase() {
    List<String> wrong = new ArrayList<>();
    document
        .path("components")
        .path("schemas")
        .fields()
        .forEachRemaining(
            schema ->
                schema
                    .getValue()
                    .path("properties")
                    .fieldNames()
                    .forEachRemaining(
                        name -> {
                          if (!name.matches("[a-z][a-z0-9_]*")) {
                            wrong.add(schema.getKey() + "." + name);
                          }
                        }));
    assertThat(wrong).isEmpty();
    assertThat(document.at("/components/schemas/JobView/properties/created_at/format").asText())
        .isEqualTo("date-time");
    assertThat(document.at("/components/schemas/JobView/required").toString())
        .contains("\"id\"", "\"status\"", "\"result\"");
  }

  @Test
  void streamsAreEventStreamsWithTheirEventNames() {
    for (String pointer :
        List.of(
            "/paths/~1v1~1events/get",
            "/paths/~1v1~1jobs~1{id}~1events/get",
            "/paths/~1v1~1jobs~1{id}/get")) {
      JsonNode stream = document.at(pointer + "/responses/200/content/text~1event-stream");
      assertThat(stream.isMissingNode()).as(pointer).isFalse();
      assertThat(stream.at("/schema/x-sse-events").toString()).contains("job.completed");
    }
  }

  @Test
  void mainRequestsAndResponsesHaveExamples() {
    assertThat(
            document
                .at("/paths/~1v1~1jobs/post/requestBody/content/application~1json/example/pipeline")
                .isArray())
        .isTrue();
    assertThat(
            document
                .at("/paths/~1v1~1jobs/post/responses/202/content/application~1json/example/object")
                .asText())
        .isEqualTo("job");
  }

  @Test
  void everyExampleFitsItsSchema() {
    List<String> wrong = new ArrayList<>();
    List<JsonNode> places = new ArrayList<>();
    document.findParents("example").forEach(places::add);
    int checked = 0;
    for (JsonNode media : places) {
      if (media.has("schema") && !media.get("example").isTextual()) {
        checked++;
        OpenApiContract.findings(document, media.get("example"), media.get("schema"))
            .forEach(f -> wrong.add(f + " in the example of " + media.get("schema")));
      }
    }
    assertThat(checked).isGreaterThan(10);
    assertThat(wrong).isEmpty();
  }

  static JsonNode operation(String method, String path) {
    return document.path("paths").path(path).path(method.toLowerCase());
  }

  private static JsonNode resolve(JsonNode node) {
    String ref = node.path("$ref").asText(null);
    return ref == null ? node : document.at(ref.substring(1));
  }

  private static void forEachOperation(java.util.function.BiConsumer<String, JsonNode> each) {
    Iterator<Map.Entry<String, JsonNode>> paths = document.path("paths").fields();
    while (paths.hasNext()) {
      Map.Entry<String, JsonNode> path = paths.next();
      path.getValue()
          .fields()
          .forEachRemaining(
              op -> each.accept(op.getKey().toUpperCase() + " " + path.getKey(), op.getValue()));
    }
  }
}
