package dev.kiln.worker.pipeline;

import dev.kiln.model.pipeline.Step;

/**
 * One image operation, the implementation of one kind of {@link Step}. An op is a pure function of
 * the image and the step's arguments; it holds no state between calls and may run on several
 * threads at once.
 *
 * <p>Ownership: {@link #apply} never closes its input. It returns either the input itself (nothing
 * to do) or a new image, and the caller then closes the input.
 *
 * @param <S> the step type this op runs
 */
public interface Op<S extends Step> {

  /** The step record this op implements; the registry dispatches on it. */
  Class<S> stepType();

  Image apply(Image image, S step);
}
