package dev.kiln.api.problems;

import dev.kiln.model.validation.Violation;
import java.util.List;

/** A failure with a known problem code: mapped to its problem response, logged without trace. */
public class ApiException extends RuntimeException {

  private final ProblemCode code;
  private final transient List<Violation> errors;

  public ApiException(ProblemCode code, String detail) {
    this(code, detail, List.of());
  }

  public ApiException(ProblemCode code, String detail, List<Violation> errors) {
    super(detail, null, false, false);
    this.code = code;
    this.errors = List.copyOf(errors);
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
}
