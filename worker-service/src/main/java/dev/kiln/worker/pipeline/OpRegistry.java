package dev.kiln.worker.pipeline;

import dev.kiln.model.jobs.JobErrorCode;
import dev.kiln.model.pipeline.Step;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;

/**
 * The ops by the step type they run; the worker's are {@link Ops#all} ({@link PipelineProducer}).
 */
public class OpRegistry {

  private final Map<Class<?>, Op<?>> byStepType = new HashMap<>();

  public OpRegistry(Collection<? extends Op<?>> ops) {
    for (Op<?> op : ops) {
      Op<?> previous = byStepType.put(op.stepType(), op);
      if (previous != null) {
        throw new IllegalStateException(
            "two ops for " + op.stepType().getSimpleName() + ": " + previous + ", " + op);
      }
    }
  }

  /** Runs the op of {@code step} on {@code image} (see {@link Op} for ownership). */
  public <S extends Step> Image apply(Image image, S step) {
    return forStep(step).apply(image, step);
  }

  @SuppressWarnings("unchecked")
  private <S extends Step> Op<S> forStep(S step) {
    Op<S> op = (Op<S>) byStepType.get(step.getClass());
    if (op == null) {
      throw new PipelineException(
          JobErrorCode.INVALID_PIPELINE, "this worker cannot run op '" + step.op() + "'");
    }
    return op;
  }
}
