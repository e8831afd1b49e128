package dev.kiln.worker.pipeline;

import dev.kiln.worker.config.WorkerConfig;
import dev.kiln.worker.pipeline.cutout.CutoutMethods;
import dev.kiln.worker.pipeline.ops.EncodeOp;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

/** Wires the plain-Java pipeline classes into CDI with the configured limits. */
public class PipelineProducer {

  /** Every op of {@link Ops#all}, the list the benchmark and the tests use too. */
  @Produces
  @Singleton
  OpRegistry opRegistry(CutoutMethods cutouts) {
    return new OpRegistry(Ops.all(cutouts));
  }

  @Produces
  @Singleton
  PipelineRunner pipelineRunner(OpRegistry ops, EncodeOp encoder, WorkerConfig config) {
    return new PipelineRunner(ops, encoder, config.maxPixels());
  }
}
