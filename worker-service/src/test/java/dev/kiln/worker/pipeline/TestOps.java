package dev.kiln.worker.pipeline;

import dev.kiln.worker.pipeline.cutout.BorderFloodCutout;
import dev.kiln.worker.pipeline.cutout.CutoutMethods;
import dev.kiln.worker.pipeline.ops.AutoOrientOp;
import dev.kiln.worker.pipeline.ops.RemoveBackgroundOp;
import java.util.List;

/** The geometry and pixel ops of {@link Ops#all}, for tests that run many of them. */
public final class TestOps {

  private TestOps() {}

  /** Every op that needs no collaborator (all but auto_orient, remove_background and encode). */
  public static List<Op<?>> imageOps() {
    return Ops.all(CutoutMethods.colorOnly(new BorderFloodCutout())).stream()
        .filter(op -> !(op instanceof AutoOrientOp) && !(op instanceof RemoveBackgroundOp))
        .toList();
  }
}
