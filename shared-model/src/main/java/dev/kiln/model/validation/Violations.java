package dev.kiln.model.validation;

import java.util.ArrayList;
import java.util.List;

/** Collects {@link Violation}s under a JSON path prefix while a request is checked. */
public final class Violations {

  private final List<Violation> found;
  private final String prefix;

  public Violations() {
    this(new ArrayList<>(), "");
  }

  private Violations(List<Violation> found, String prefix) {
    this.found = found;
    this.prefix = prefix;
  }

  /** A view that records under {@code prefix + path}; findings go to the same list. */
  public Violations at(String path) {
    return new Violations(found, join(path));
  }

  public void add(String field, String message) {
    found.add(new Violation(join(field), message));
  }

  /** Adds a violation of {@code field} unless {@code condition} holds. */
  public void require(boolean condition, String field, String message) {
    if (!condition) {
      add(field, message);
    }
  }

  /** Checks an optional integer against an inclusive range. */
  public void range(Number value, long min, long max, String field) {
    if (value != null && (value.longValue() < min || value.longValue() > max)) {
      add(field, "must be between " + min + " and " + max);
    }
  }

  /** Checks an optional number against an inclusive range; NaN and infinities are out of range. */
  public void between(Double value, double min, double max, String field) {
    if (value != null && !(value >= min && value <= max)) {
      add(field, "must be between " + plain(min) + " and " + plain(max));
    }
  }

  public boolean isEmpty() {
    return found.isEmpty();
  }

  public List<Violation> list() {
    return List.copyOf(found);
  }

  private static String plain(double value) {
    return value == Math.rint(value) ? Long.toString((long) value) : Double.toString(value);
  }

  private String join(String field) {
    if (prefix.isEmpty()) {
      return field;
    }
    return field.startsWith("[") ? prefix + field : prefix + "." + field;
  }
}
