package dev.kiln.api.support;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What the contract filter reports for a body that strays from its schema. */
class OpenApiContractTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  private static final String DOCUMENT =
      """
      {"paths": {"/v1/things/{id}": {"get": {}}, "/v1/things/new": {"post": {}}},
       "components": {"schemas": {
         "Thing": {"type": "object", "required": ["id", "state"],
                   "properties": {"id": {"type": "string"},
                                  "state": {"type": "string", "enum": ["on", "off"]},
                                  "note": {"type": ["string", "null"]},
                                  "part": {"anyOf": [{"$ref": "#/components/schemas/Part"},
                                                     {"type": "null"}]},
                                  "meta": {"type": "object", "additionalProperties": true}}},
         "Part": {"type": "object", "properties": {"size": {"type": "integer"}}}}}}""";

  @Test
  void aMatchingBodyHasNoFindings() throws Exception {
    assertThat(
            findings(
                "{\"id\": \"t1\", \"state\": \"on\", \"note\": null, \"part\": {\"size\": 3},"
                    + " \"meta\": {\"anything\": 1}}"))
        .isEmpty();
  }

  @Test
  void anUnknownPropertyIsNamedWithItsPathAndSchema() throws Exception {
    assertThat(
            findings("{\"id\": \"t1\", \"state\": \"on\", \"part\": {\"size\": 3, \"colour\": 1}}"))
        .singleElement()
        .asString()
        .contains("unknown property 'colour'", "$.part.colour", "Part");
  }

  @Test
  void missingRequiredWrongNullsAndEnumsAreReported() throws Exception {
    assertThat(findings("{\"id\": null, \"state\": \"dim\"}"))
        .anySatisfy(f -> assertThat(f).contains("$.id is null"))
        .anySatisfy(f -> assertThat(f).contains("\"dim\"", "not in the enum"));
    assertThat(findings("{\"state\": \"on\"}"))
        .singleElement()
        .asString()
        .contains("has no 'id'", "required");
  }

  @Test
  void pathsMatchTheMostLiteralTemplate() throws Exception {
    OpenApiContract.OpenApiDocument document =
        OpenApiContract.OpenApiDocument.of(JSON.readTree(DOCUMENT));
    assertThat(document.template("/v1/things/new")).hasValue("/v1/things/new");
    assertThat(document.template("/v1/things/t_1")).hasValue("/v1/things/{id}");
    assertThat(document.template("/v1/other")).isEmpty();
  }

  private static List<String> findings(String body) throws Exception {
    JsonNode root = JSON.readTree(DOCUMENT);
    List<String> findings = new ArrayList<>();
    new BodyCheck(OpenApiContract.OpenApiDocument.of(root), findings)
        .check(
            JSON.readTree(body), JSON.readTree("{\"$ref\": \"#/components/schemas/Thing\"}"), "$");
    return findings;
  }
}
