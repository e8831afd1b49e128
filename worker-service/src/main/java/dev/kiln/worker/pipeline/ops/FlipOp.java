package dev.kiln.worker.pipeline.ops;

import static org.bytedeco.opencv.global.opencv_core.flip;

import dev.kiln.model.pipeline.FlipStep;
import dev.kiln.worker.pipeline.Image;
import dev.kiln.worker.pipeline.Op;
import org.bytedeco.opencv.opencv_core.Mat;

/** {@code flip}: mirrors the pixels (exact, alpha included). */
public class FlipOp implements Op<FlipStep> {

  @Override
  public Class<FlipStep> stepType() {
    return FlipStep.class;
  }

  @Override
  public Image apply(Image image, FlipStep step) {
    int code =
        switch (step.direction()) {
          case HORIZONTAL -> 1; // around the vertical axis
          case VERTICAL -> 0; // around the horizontal axis
          case BOTH -> -1;
        };
    Mat out = new Mat();
    flip(image.mat(), out, code);
    return image.withMat(out);
  }
}
