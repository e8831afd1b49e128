package dev.kiln.worker.pipeline.ops;

import static org.bytedeco.opencv.global.opencv_imgproc.INTER_AREA;
import static org.bytedeco.opencv.global.opencv_imgproc.INTER_CUBIC;
import static org.bytedeco.opencv.global.opencv_imgproc.resize;

import dev.kiln.model.pipeline.Fit;
import dev.kiln.model.pipeline.ResizeStep;
import dev.kiln.worker.pipeline.Image;
import dev.kiln.worker.pipeline.Op;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Rect;
import org.bytedeco.opencv.opencv_core.Size;

/**
 * {@code resize}: scales into a box with the requested {@link Fit}. Without {@code upscale} (and
 * always for {@code inside}) nothing is enlarged. Shrinking uses area averaging ({@code
 * INTER_AREA}, no aliasing), enlarging bicubic, each per axis (see {@link #resample}). Images with
 * alpha are resized premultiplied, so transparent pixels do not bleed their colour into the edges.
 */
public class ResizeOp implements Op<ResizeStep> {

  @Override
  public Class<ResizeStep> stepType() {
    return ResizeStep.class;
  }

  @Override
  public Image apply(Image image, ResizeStep step) {
    int width = image.width();
    int height = image.height();
    Plan plan = plan(width, height, step);
    if (plan.isIdentity(width, height)) {
      return image;
    }
    Mat scaled;
    if (image.hasAlpha()) {
      try (Mat premultiplied = Alpha.premultiply(image.mat());
          Mat resized = resample(premultiplied, plan.scaledWidth(), plan.scaledHeight())) {
        scaled = Alpha.unpremultiply(resized);
      }
    } else {
      scaled = resample(image.mat(), plan.scaledWidth(), plan.scaledHeight());
    }
    if (plan.outWidth() == plan.scaledWidth() && plan.outHeight() == plan.scaledHeight()) {
      return image.withMat(scaled);
    }
    try (scaled;
        Rect centre =
            new Rect(
                (plan.scaledWidth() - plan.outWidth()) / 2,
                (plan.scaledHeight() - plan.outHeight()) / 2,
                plan.outWidth(),
                plan.outHeight());
        Mat view = new Mat(scaled, centre)) {
      return image.withMat(view.clone());
    }
  }

  /**
   * Area averaging along an axis that shrinks, bicubic along one that grows. When one axis shrinks
   * and the other grows ({@code fill}), the shrink runs first on its own, so it is never aliased.
   */
  static Mat resample(Mat src, int width, int height) {
    boolean shrinksX = width <= src.cols();
    boolean shrinksY = height <= src.rows();
    if (shrinksX == shrinksY) {
      return resized(src, width, height, shrinksX ? INTER_AREA : INTER_CUBIC);
    }
    try (Mat shrunk =
        resized(src, Math.min(width, src.cols()), Math.min(height, src.rows()), INTER_AREA)) {
      return resized(shrunk, width, height, INTER_CUBIC);
    }
  }

  private static Mat resized(Mat src, int width, int height, int interpolation) {
    Mat out = new Mat();
    try (Size size = new Size(width, height)) {
      resize(src, out, size, 0, 0, interpolation);
    }
    return out;
  }

  /**
   * The sizes a resize produces from a {@code width} × {@code height} input: the scaled size and
   * the output size after the centred crop of {@code cover} (equal for the other fits). Pure
   * arithmetic, also used to plan reduced JPEG decoding before any pixel exists.
   */
  public static Plan plan(int width, int height, ResizeStep step) {
    boolean upscale = step.upscale() && step.fit() != Fit.INSIDE;
    Integer boxWidth = step.width();
    Integer boxHeight = step.height();
    return switch (step.fit()) {
      case FILL -> {
        int w = upscale ? boxWidth : Math.min(boxWidth, width);
        int h = upscale ? boxHeight : Math.min(boxHeight, height);
        yield new Plan(w, h, w, h);
      }
      case COVER -> {
        double scale = Math.max(boxWidth / (double) width, boxHeight / (double) height);
        if (!upscale) {
          scale = Math.min(scale, 1.0);
        }
        int w = scaled(width, scale);
        int h = scaled(height, scale);
        yield new Plan(w, h, Math.min(boxWidth, w), Math.min(boxHeight, h));
      }
      case CONTAIN, INSIDE -> {
        double scaleX = boxWidth == null ? Double.MAX_VALUE : boxWidth / (double) width;
        double scaleY = boxHeight == null ? Double.MAX_VALUE : boxHeight / (double) height;
        double scale = Math.min(scaleX, scaleY);
        if (!upscale) {
          scale = Math.min(scale, 1.0);
        }
        // The side that decided the scale gets exactly its requested length.
        int w = scale == scaleX ? boxWidth : scaled(width, scale);
        int h = scale == scaleY ? boxHeight : scaled(height, scale);
        yield new Plan(w, h, w, h);
      }
    };
  }

  private static int scaled(int length, double scale) {
    return Math.max(1, (int) Math.round(length * scale));
  }

  /**
   * @param scaledWidth the width after scaling
   * @param outWidth the width after the centred crop ({@code cover} only; else = scaledWidth)
   */
  public record Plan(int scaledWidth, int scaledHeight, int outWidth, int outHeight) {

    boolean isIdentity(int width, int height) {
      return scaledWidth == width
          && scaledHeight == height
          && outWidth == width
          && outHeight == height;
    }
  }
}
