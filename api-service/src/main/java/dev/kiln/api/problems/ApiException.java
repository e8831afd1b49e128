package dev.kiln.api.problems;

import dev.kiln.model.validation.Violation;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A failure with a known problem code: mapped to its problem response, logged without trace. */
public class ApiException extends RuntimeException {

  private final ProblemCode code;
  private final transient List<Violation> errors;
  private final transient Map<String, Object> extensions;
  private final transient Map<String, String> headers;

  public ApiException(ProblemCode code, String detail) {
    this(code, detail, List.of());
  }

  public ApiException(ProblemCode code, String detail, List<Violation> errors) {
    this(code, detail, errors, Map.of(), Map.of());
  }

  private ApiException(
      ProblemCode code,
      String detail,
      List<Violation> errors,
      Map<String, Object> extensions,
      Map<String, String> headers) {
    super(detail, null, false, false);
    this.code = code;
    this.errors = List.copyOf(errors);
    this.extensions = Map.copyOf(extensions);
    this.headers = Map.copyOf(headers);
  }

  /** This problem with an extension member ({@code "balance": 3}) in its document. */
  public ApiException with(String member, Object value) {
    Map<String, Object> more = new LinkedHashMap<>(extensions);
    more.put(member, value);
    return new ApiException(code, getMessage(), errors, more, headers);
  }

  /** This problem with a response header ({@code Retry-After}). */
  public ApiException withHeader(String name, String value) {
    Map<String, String> more = new LinkedHashMap<>(headers);
    more.put(name, value);
    return new ApiException(code, getMessage(), errors, extensions, more);
  }

  public static ApiException invalid(List<Violation> errors) {
    return new ApiException(
        ProblemCode.VALIDATION_FAILED, errors.size() + " field(s) are not valid", errors);
  }

  public static ApiException invalid(String field, String message) {
    return invalid(List.of(new Violation(field, message)));
  }

  public static ApiException notFound(String what, String id) {
    return new ApiException(ProblemCode.NOT_FOUND, what + " " + id + " does not exist");
  }

  public ProblemCode code() {
    return code;
  }

  public List<Violation> errors() {
    return errors;
  }

  public Map<String, Object> extensions() {
    return extensions;
  }

  public Map<String, String> headers() {
    return headers;
  }
}
