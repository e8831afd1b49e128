package dev.kiln.worker.pipeline.ops;

import static org.bytedeco.opencv.global.opencv_core.BORDER_CONSTANT;
import static org.bytedeco.opencv.global.opencv_core.copyMakeBorder;
import static org.bytedeco.opencv.global.opencv_imgproc.MORPH_ELLIPSE;
import static org.bytedeco.opencv.global.opencv_imgproc.dilate;
import static org.bytedeco.opencv.global.opencv_imgproc.getStructuringElement;

import dev.kiln.model.pipeline.Color;
import dev.kiln.model.pipeline.OutlineStep;
import dev.kiln.worker.pipeline.Image;
import dev.kiln.worker.pipeline.Op;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Scalar;
import org.bytedeco.opencv.opencv_core.Size;

/**
 * {@code outline}: the image on a transparent canvas grown by {@code width} on each side, drawn
 * over a layer of the outline colour whose alpha is the image's alpha dilated with a disc of radius
 * {@code width}. Dilation is a maximum filter, so the ring's outer edge has the same softness as
 * the subject's edge (anti-aliased in, anti-aliased out), and the subject's own soft edge blends
 * onto the ring instead of onto transparency (no dark halo).
 */
public class OutlineOp implements Op<OutlineStep> {

  @Override
  public Class<OutlineStep> stepType() {
    return OutlineStep.class;
  }

  @Override
  public Image apply(Image image, OutlineStep step) {
    int width = step.width();
    Color colour = Color.of(step.color());
    try (Mat bgra = Alpha.toBgra(image.mat());
        Mat canvas = new Mat();
        Scalar transparent = new Scalar(0, 0, 0, 0);
        Size discSize = new Size(2 * width + 1, 2 * width + 1);
        Mat disc = getStructuringElement(MORPH_ELLIPSE, discSize);
        Mat ring = new Mat()) {
      copyMakeBorder(bgra, canvas, width, width, width, width, BORDER_CONSTANT, transparent);
      try (Mat alpha = Alpha.channel(canvas)) {
        dilate(alpha, ring, disc);
      }
      try (Mat layer = Alpha.layer(ring, colour, 1.0)) {
        return image.withMat(Alpha.over(canvas, layer));
      }
    }
  }
}
