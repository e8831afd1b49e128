package dev.kiln.model.pipeline;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import com.fasterxml.jackson.annotation.JsonTypeName;
import dev.kiln.model.validation.Violations;

/**
 * One step of a pipeline: a JSON object whose {@code op} names the operation and whose other fields
 * are its arguments. Steps are immutable values; each checks its own arguments.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "op")
@JsonSubTypes({
  @JsonSubTypes.Type(AutoOrientStep.class),
  @JsonSubTypes.Type(ResizeStep.class),
  @JsonSubTypes.Type(RemoveBackgroundStep.class),
  @JsonSubTypes.Type(EncodeStep.class),
})
public interface Step {

  /** The op name as it appears on the wire, e.g. {@code resize}. */
  @JsonIgnore
  default String op() {
    return getClass().getAnnotation(JsonTypeName.class).value();
  }

  /** A short present-participle phrase for progress messages, e.g. "Resizing". */
  @JsonIgnore
  String describe();

  /** Records every invalid argument; fields are relative to the step. */
  void validate(Violations violations);
}
