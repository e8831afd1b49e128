package dev.kiln.api.problems;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.kiln.model.validation.Violation;
import java.util.List;

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
    List<Violation> errors) {

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
        errors);
  }
}
