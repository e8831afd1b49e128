package dev.kiln.worker.pipeline;

import dev.kiln.worker.pipeline.ops.BlurOp;
import dev.kiln.worker.pipeline.ops.CropOp;
import dev.kiln.worker.pipeline.ops.FlipOp;
import dev.kiln.worker.pipeline.ops.GrayscaleOp;
import dev.kiln.worker.pipeline.ops.OutlineOp;
import dev.kiln.worker.pipeline.ops.PadOp;
import dev.kiln.worker.pipeline.ops.ResizeOp;
import dev.kiln.worker.pipeline.ops.RotateOp;
import dev.kiln.worker.pipeline.ops.ShadowOp;
import dev.kiln.worker.pipeline.ops.SharpenOp;
import dev.kiln.worker.pipeline.ops.TrimOp;
import java.util.List;

/** The geometry and pixel ops, built without the container, for tests that run many of them. */
public final class TestOps {

  private TestOps() {}

  /** Every op that needs no collaborator (all but auto_orient, remove_background and encode). */
  public static List<Op<?>> imageOps() {
    return List.of(
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
        new PadOp());
  }
}
