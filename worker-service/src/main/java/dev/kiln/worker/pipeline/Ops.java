package dev.kiln.worker.pipeline;

import dev.kiln.worker.pipeline.cutout.CutoutMethods;
import dev.kiln.worker.pipeline.ops.AutoOrientOp;
import dev.kiln.worker.pipeline.ops.BlurOp;
import dev.kiln.worker.pipeline.ops.CropOp;
import dev.kiln.worker.pipeline.ops.FlipOp;
import dev.kiln.worker.pipeline.ops.GrayscaleOp;
import dev.kiln.worker.pipeline.ops.OutlineOp;
import dev.kiln.worker.pipeline.ops.PadOp;
import dev.kiln.worker.pipeline.ops.RemoveBackgroundOp;
import dev.kiln.worker.pipeline.ops.ResizeOp;
import dev.kiln.worker.pipeline.ops.RotateOp;
import dev.kiln.worker.pipeline.ops.ShadowOp;
import dev.kiln.worker.pipeline.ops.SharpenOp;
import dev.kiln.worker.pipeline.ops.TrimOp;
import java.util.List;

/**
 * Every {@link Op} of the engine, the one list that the worker ({@link PipelineProducer}), the
 * engine benchmark and the tests build their {@link OpRegistry} from. A new op is a new line here;
 * {@code OpsTest} fails when an op class or a step type has none. {@code encode} is not an op of
 * the registry: {@link PipelineRunner} takes the {@link dev.kiln.worker.pipeline.ops.EncodeOp}
 * separately.
 */
public final class Ops {

  private Ops() {}

  /** Every op, {@code remove_background} with these cut-out methods. */
  public static List<Op<?>> all(CutoutMethods cutouts) {
    return List.of(
        new AutoOrientOp(),
        new ResizeOp(),
        new CropOp(),
        new RotateOp(),
        new FlipOp(),
        new GrayscaleOp(),
        new BlurOp(),
        new SharpenOp(),
        new TrimOp(),
        new OutlineOp(),
        new ShadowOp(),
        new PadOp(),
        new RemoveBackgroundOp(cutouts));
  }
}
