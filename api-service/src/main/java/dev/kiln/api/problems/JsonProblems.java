package dev.kiln.api.problems;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.exc.InputCoercionException;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.core.exc.StreamReadException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.InvalidTypeIdException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import dev.kiln.model.validation.Violation;
import java.lang.reflect.Field;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

/** Turns Jackson's binding failures into field-level problems a client can act on. */
final class JsonProblems {

  private JsonProblems() {}

  static ApiException from(JsonProcessingException e) {
    Throwable cause = rootCause(e);
    boolean syntax =
        !(cause instanceof InputCoercionException)
            && (cause instanceof StreamReadException
                || cause instanceof StreamConstraintsException);
    if (syntax || !(e instanceof JsonMappingException mapping) || mapping.getPath().isEmpty()) {
      String message =
          cause instanceof JsonProcessingException json ? json.getOriginalMessage() : null;
      return new ApiException(ProblemCode.MALFORMED_JSON, firstLine(message));
    }
    String field = path(mapping.getPath());
    String message =
        cause instanceof InputCoercionException ? "is out of range for its type" : message(mapping);
    return ApiException.invalid(List.of(new Violation(field, message)));
  }

  /**
   * The failure Jackson started from: a syntax error found while binding a nested value arrives
   * wrapped in a mapping failure that carries the path.
   */
  private static Throwable rootCause(Throwable e) {
    Throwable cause = e;
    while (cause.getCause() != null && cause.getCause() != cause) {
      cause = cause.getCause();
    }
    return cause;
  }

  private static String message(JsonMappingException e) {
    if (e instanceof InvalidTypeIdException typeId) {
      return typeId.getTypeId() == null
          ? "op is required"
          : "unknown op '" + typeId.getTypeId() + "'";
    }
    if (e instanceof UnrecognizedPropertyException unknown) {
      return "unknown field '" + unknown.getPropertyName() + "'";
    }
    if (e instanceof InvalidFormatException format) {
      Class<?> type = format.getTargetType();
      String known = type != null && type.isEnum() ? "; one of: " + enumNames(type) : "";
      return "'" + format.getValue() + "' is not a valid " + typeName(type) + known;
    }
    if (e instanceof MismatchedInputException mismatch && mismatch.getTargetType() != null) {
      return "must be " + article(typeName(mismatch.getTargetType()));
    }
    return firstLine(e.getOriginalMessage());
  }

  private static String path(List<JsonMappingException.Reference> references) {
    StringBuilder out = new StringBuilder();
    for (JsonMappingException.Reference ref : references) {
      if (ref.getFieldName() != null) {
        out.append(out.isEmpty() ? "" : ".").append(ref.getFieldName());
      } else if (ref.getIndex() >= 0) {
        out.append('[').append(ref.getIndex()).append(']');
      }
    }
    return out.toString();
  }

  private static String typeName(Class<?> type) {
    if (type.isEnum()) {
      return "value";
    }
    if (Number.class.isAssignableFrom(type) || type.isPrimitive()) {
      return "number";
    }
    if (List.class.isAssignableFrom(type)) {
      return "array";
    }
    if (type == String.class) {
      return "string";
    }
    return "object";
  }

  /** The names an enum has in JSON: its {@link JsonProperty} values, else the constants' names. */
  private static String enumNames(Class<?> type) {
    return Arrays.stream(type.getFields())
        .filter(Field::isEnumConstant)
        .map(
            field -> {
              JsonProperty name = field.getAnnotation(JsonProperty.class);
              return name == null ? field.getName() : name.value();
            })
        .collect(Collectors.joining(", "));
  }

  private static String article(String noun) {
    return (noun.startsWith("a") || noun.startsWith("o") ? "an " : "a ") + noun;
  }

  private static String firstLine(String message) {
    return message == null ? "unreadable JSON" : message.lines().findFirst().orElse(message);
  }
}
