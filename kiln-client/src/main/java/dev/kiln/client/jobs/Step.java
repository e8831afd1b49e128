package dev.kiln.client.jobs;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One step of a pipeline: an op and its arguments, as {@code {"op": "resize", "width": 400}}. Kiln
 * validates the arguments at submit (a bad one is a 422 naming {@code pipeline[i].field}); the ops
 * and their arguments are in Kiln's {@code docs/pipeline.md}.
 */
public final class Step {

  private final String op;
  private final Map<String, Object> arguments;

  private Step(String op, Map<String, Object> arguments) {
    this.op = op;
    this.arguments = Collections.unmodifiableMap(new LinkedHashMap<>(arguments));
  }

  /** A step of this op with no argument (each takes its default). */
  public static Step of(String op) {
    return new Step(op, Map.of());
  }

  /** A step of this op with these arguments, named as on the wire ({@code max_bytes}). */
  public static Step of(String op, Map<String, ?> arguments) {
    return new Step(op, new LinkedHashMap<>(arguments));
  }

  /** This step with one more argument. */
  public Step with(String name, Object value) {
    Map<String, Object> more = new LinkedHashMap<>(arguments);
    more.put(name, value);
    return new Step(op, more);
  }

  /** {@code resize} into a box of this size ({@code fit} defaults to {@code contain}). */
  public static Step resize(int width, int height) {
    return of("resize").with("width", width).with("height", height);
  }

  /** {@code encode} as {@code png}, {@code webp} or {@code jpeg}. */
  public static Step encode(String format) {
    return of("encode").with("format", format);
  }

  @JsonProperty("op")
  public String op() {
    return op;
  }

  @JsonAnyGetter
  public Map<String, Object> arguments() {
    return arguments;
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof Step
        && ((Step) other).op.equals(op)
        && ((Step) other).arguments.equals(arguments);
  }

  @Override
  public int hashCode() {
    return op.hashCode() * 31 + arguments.hashCode();
  }

  @Override
  public String toString() {
    return op + arguments;
  }
}
