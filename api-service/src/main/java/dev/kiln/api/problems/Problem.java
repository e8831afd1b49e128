package dev.kiln.api.problems;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import dev.kiln.model.validation.Violation;
import java.util.List;
import java.util.Map;

/**
 * An RFC 9457 problem document ({@code application/problem+json}) with Kiln's extension members
 * {@code code} (stable, machine-readable) and {@code errors} (one per invalid field).
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record Problem(
    String type,
    String title,
    int status,
    String detail,
    String instance,
    String code,
    List<Violation> errors,
    @JsonIgnore Map<String, Object> extensions) {

  /** Members of a problem type beyond the standard ones, such as {@code balance}. */
  @JsonAnyGetter
  public Map<String, Object> members() {
    return extensions;
  }

  public static final String MEDIA_TYPE = "application/problem+json";

  public static Problem of(
      ProblemCode code, String detail, String instance, List<Violation> errors) {
    return new Problem(
        "urn:kiln:problem:" + code.code(),
        code.title(),
        code.status(),
        detail,
        instance,
        code.code(),
        errors,
        Map.of());
  }

  /** This problem with extension members. */
  public Problem with(Map<String, Object> members) {
    return new Problem(type, title, status, detail, instance, code, errors, Map.copyOf(members));
  }
}
