package dev.kiln.model.pipeline;

import dev.kiln.model.validation.Violation;
import dev.kiln.model.validation.Violations;
import java.util.ArrayList;
import java.util.List;

/** Rules that hold for a whole pipeline, shared by the API (at submit) and the worker. */
public final class Pipelines {

  /** The encode appended when a pipeline has none: lossless PNG keeps every pixel and alpha. */
  public static final EncodeStep DEFAULT_ENCODE = EncodeStep.of(OutputFormat.PNG);

  private Pipelines() {}

  /**
   * Checks a pipeline: 1 to {@link Limits#MAX_STEPS} steps, each step's arguments, and encode only
   * as the last step.
   *
   * @param field the JSON name of the pipeline, e.g. {@code pipeline}
   */
  public static List<Violation> validate(List<Step> steps, String field) {
    Violations violations = new Violations();
    if (steps == null || steps.isEmpty()) {
      violations.add(field, "must have at least one step");
      return violations.list();
    }
    if (steps.size() > Limits.MAX_STEPS) {
      violations.add(field, "must have at most " + Limits.MAX_STEPS + " steps");
    }
    for (int i = 0; i < steps.size(); i++) {
      Step step = steps.get(i);
      Violations at = violations.at(field + "[" + i + "]");
      if (step == null) {
        at.add("op", "step must be an object with an op");
        continue;
      }
      step.validate(at);
      if (step instanceof EncodeStep && i != steps.size() - 1) {
        at.add("op", "encode must be the last step");
      }
    }
    return violations.list();
  }

  /** The pipeline as it runs: {@link #DEFAULT_ENCODE} appended when it does not end in encode. */
  public static List<Step> withEncode(List<Step> steps) {
    if (!steps.isEmpty() && steps.getLast() instanceof EncodeStep) {
      return List.copyOf(steps);
    }
    List<Step> complete = new ArrayList<>(steps);
    complete.add(DEFAULT_ENCODE);
    return List.copyOf(complete);
  }

  /** The encode step of a complete pipeline (see {@link #withEncode}). */
  public static EncodeStep encodeOf(List<Step> steps) {
    return (EncodeStep) steps.getLast();
  }
}
