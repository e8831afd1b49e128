package dev.kiln.worker.pipeline.ops;

import dev.kiln.model.pipeline.Color;
import org.bytedeco.opencv.opencv_core.Scalar;

/** A step's colour as an OpenCV fill value: BGRA order, straight or premultiplied. */
final class Fill {

  private Fill() {}

  /** The colour as a BGRA fill; the caller closes it. */
  static Scalar of(Color colour) {
    return new Scalar(colour.blue(), colour.green(), colour.red(), colour.alpha());
  }

  /** The colour as a premultiplied BGRA fill, for images filtered premultiplied. */
  static Scalar premultiplied(Color colour) {
    double a = colour.alpha() / 255.0;
    return new Scalar(colour.blue() * a, colour.green() * a, colour.red() * a, colour.alpha());
  }
}
