package dev.kiln.worker.pipeline;

import dev.kiln.model.jobs.JobErrorCode;
import dev.kiln.model.pipeline.Step;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;

/** Every {@link Op} bean by the step type it runs: a new op is a new bean, nothing else. */
@ApplicationScoped
public class OpRegistry {

  private final Map<Class<?>, Op<?>> byStepType = new HashMap<>();

  @Inject
  public OpRegistry(@Any Instance<Op<?>> ops) {
    this(ops.stream().toList());
  }

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
