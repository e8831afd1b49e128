package dev.kiln.client.errors;

import com.fasterxml.jackson.annotation.JsonAnySetter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An RFC 9457 problem document as Kiln answers it ({@code application/problem+json}).
 *
 * @param type {@code urn:kiln:problem:<code>}
 * @param code the stable, machine-readable reason, such as {@code validation_failed}
 * @param errors one entry per invalid field (validation problems), else empty
 * @param extensions members beyond these, such as {@code balance}
 */
public record Problem(
    String type,
    String title,
    int status,
    String detail,
    String instance,
    String code,
    List<FieldError> errors,
    Map<String, Object> extensions) {

  public Problem {
    errors = errors == null ? List.of() : List.copyOf(errors);
    extensions = extensions == null ? new LinkedHashMap<>() : extensions;
  }

  /** Keeps the members this record does not name (while reading). */
  @JsonAnySetter
  void extension(String name, Object value) {
    extensions.put(name, value);
  }

  /** A problem made up for an answer that carried none (a proxy's HTML page, an empty body). */
  public static Problem of(int status, String detail) {
    return new Problem(null, "HTTP " + status, status, detail, null, "http_" + status, null, null);
  }
}
