package dev.kiln.worker.pipeline;

import static org.bytedeco.opencv.global.opencv_core.CV_16U;
import static org.bytedeco.opencv.global.opencv_core.CV_32F;
import static org.bytedeco.opencv.global.opencv_core.CV_64F;
import static org.bytedeco.opencv.global.opencv_core.CV_8U;
import static org.bytedeco.opencv.global.opencv_core.CV_8UC1;
import static org.bytedeco.opencv.global.opencv_imgcodecs.IMREAD_COLOR_BGR;
import static org.bytedeco.opencv.global.opencv_imgcodecs.IMREAD_IGNORE_ORIENTATION;
import static org.bytedeco.opencv.global.opencv_imgcodecs.IMREAD_REDUCED_COLOR_2;
import static org.bytedeco.opencv.global.opencv_imgcodecs.IMREAD_REDUCED_COLOR_4;
import static org.bytedeco.opencv.global.opencv_imgcodecs.IMREAD_REDUCED_COLOR_8;
import static org.bytedeco.opencv.global.opencv_imgcodecs.IMREAD_UNCHANGED;
import static org.bytedeco.opencv.global.opencv_imgcodecs.imdecode;
import static org.bytedeco.opencv.global.opencv_imgproc.COLOR_GRAY2BGR;
import static org.bytedeco.opencv.global.opencv_imgproc.cvtColor;

import dev.kiln.model.image.ImageFormat;
import dev.kiln.model.image.ImageInfo;
import dev.kiln.model.image.ImageProbe;
import dev.kiln.model.jobs.JobErrorCode;
import dev.kiln.model.pipeline.AutoOrientStep;
import dev.kiln.model.pipeline.ResizeStep;
import dev.kiln.model.pipeline.Step;
import dev.kiln.worker.pipeline.ops.ResizeOp;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.opencv.opencv_core.Mat;

/**
 * Turns input bytes into an {@link Image}, guarded: the header is probed first (format, pixel count
 * against the limit, EXIF orientation), then OpenCV decodes from memory.
 *
 * <ul>
 *   <li>JPEG decodes to BGR with {@code IMREAD_IGNORE_ORIENTATION}; when the pipeline starts with a
 *       resize to a much smaller size, with {@code IMREAD_REDUCED_COLOR_2/4/8} (libjpeg's DCT
 *       scaling: a fraction of the time and memory of a full decode).
 *   <li>Other formats decode with {@code IMREAD_UNCHANGED}, which keeps alpha (and also ignores
 *       EXIF orientation); grey becomes BGR and 16-bit or float samples become 8-bit.
 * </ul>
 *
 * Orientation is left to the {@code auto_orient} step (see {@link
 * dev.kiln.worker.pipeline.ops.AutoOrientOp}).
 */
public final class Decoder {

  /** Formats this build of OpenCV decodes (checked by the engine tests); GIF is not one. */
  static final Set<ImageFormat> SUPPORTED =
      EnumSet.of(
          ImageFormat.JPEG, ImageFormat.PNG, ImageFormat.WEBP, ImageFormat.BMP, ImageFormat.TIFF);

  private static final int[] REDUCTIONS = {8, 4, 2};

  private final long maxPixels;

  public Decoder(long maxPixels) {
    this.maxPixels = maxPixels;
  }

  /**
   * @param steps the complete pipeline, used to plan reduced decoding
   * @throws PipelineException {@code invalid_image}, {@code unsupported_format} or {@code
   *     image_too_large}
   */
  public Image decode(byte[] bytes, List<Step> steps) {
    ImageInfo info = ImageProbe.probe(bytes).orElseThrow(() -> unrecognised(bytes));
    if (!SUPPORTED.contains(info.format())) {
      throw new PipelineException(
          JobErrorCode.UNSUPPORTED_FORMAT, info.format().mimeType() + " inputs are not supported");
    }
    checkPixels(info.width(), info.height());
    int orientation = ExifOrientation.read(bytes, info.format());
    int reduction =
        info.format() == ImageFormat.JPEG ? reductionFactor(info, orientation, steps) : 1;
    Mat decoded;
    try (BytePointer data = new BytePointer(bytes);
        Mat buffer = new Mat(1, bytes.length, CV_8UC1, data)) {
      decoded = imdecode(buffer, flags(info.format(), reduction));
    }
    if (decoded == null || decoded.empty()) {
      if (decoded != null) {
        decoded.close();
      }
      throw new PipelineException(
          JobErrorCode.INVALID_IMAGE,
          "the input has a " + info.format().mimeType() + " header but does not decode");
    }
    try {
      checkPixels(decoded.cols(), decoded.rows()); // a header that understated its size
      return new Image(normalize(decoded), orientation);
    } catch (RuntimeException e) {
      decoded.close();
      throw e;
    }
  }

  /**
   * The JPEG reduction factor (1, 2, 4 or 8) for a pipeline whose first geometric step is a resize:
   * the largest factor after which the resize still only shrinks and yields exactly the size it
   * yields from the full image.
   */
  static int reductionFactor(ImageInfo info, int orientation, List<Step> steps) {
    boolean oriented = false;
    for (Step step : steps) {
      if (step instanceof AutoOrientStep) {
        oriented = true;
        continue;
      }
      if (!(step instanceof ResizeStep resize)) {
        return 1;
      }
      boolean swap = oriented && ExifOrientation.swapsAxes(orientation);
      int width = swap ? info.height() : info.width();
      int height = swap ? info.width() : info.height();
      ResizeOp.Plan full = ResizeOp.plan(width, height, resize);
      for (int factor : REDUCTIONS) {
        int reducedWidth = Math.ceilDiv(width, factor);
        int reducedHeight = Math.ceilDiv(height, factor);
        ResizeOp.Plan reduced = ResizeOp.plan(reducedWidth, reducedHeight, resize);
        boolean stillShrinks =
            reduced.scaledWidth() <= reducedWidth && reduced.scaledHeight() <= reducedHeight;
        boolean sameOutput =
            reduced.outWidth() == full.outWidth() && reduced.outHeight() == full.outHeight();
        if (stillShrinks && sameOutput) {
          return factor;
        }
      }
      return 1;
    }
    return 1;
  }

  private static int flags(ImageFormat format, int reduction) {
    if (format != ImageFormat.JPEG) {
      return IMREAD_UNCHANGED;
    }
    int colour =
        switch (reduction) {
          case 8 -> IMREAD_REDUCED_COLOR_8;
          case 4 -> IMREAD_REDUCED_COLOR_4;
          case 2 -> IMREAD_REDUCED_COLOR_2;
          default -> IMREAD_COLOR_BGR;
        };
    return colour | IMREAD_IGNORE_ORIENTATION;
  }

  /** 8-bit BGR or BGRA, whatever the decoder produced. */
  private static Mat normalize(Mat decoded) {
    Mat image = decoded;
    int depth = image.depth();
    if (depth != CV_8U) {
      double scale =
          switch (depth) {
            case CV_16U -> 1.0 / 257.0;
            case CV_32F, CV_64F -> 255.0;
            default -> 1.0;
          };
      Mat eightBit = new Mat();
      image.convertTo(eightBit, CV_8U, scale, 0.0);
      image.close();
      image = eightBit;
    }
    switch (image.channels()) {
      case 3, 4 -> {
        return image;
      }
      case 1 -> {
        Mat bgr = new Mat();
        cvtColor(image, bgr, COLOR_GRAY2BGR);
        image.close();
        return bgr;
      }
      default -> {
        int channels = image.channels();
        image.close();
        throw new PipelineException(
            JobErrorCode.UNSUPPORTED_FORMAT,
            "images with " + channels + " channels are not supported");
      }
    }
  }

  private void checkPixels(int width, int height) {
    long pixels = (long) width * height;
    if (pixels > maxPixels) {
      throw new PipelineException(
          JobErrorCode.IMAGE_TOO_LARGE,
          "the image is "
              + width
              + "x"
              + height
              + " ("
              + pixels
              + " pixels); the limit is "
              + maxPixels
              + " pixels");
    }
  }

  private static PipelineException unrecognised(byte[] bytes) {
    // ISO base media files (AVIF, HEIC) have an "ftyp" box at offset 4.
    if (bytes.length >= 12
        && new String(Arrays.copyOfRange(bytes, 4, 8), StandardCharsets.ISO_8859_1)
            .equals("ftyp")) {
      return new PipelineException(
          JobErrorCode.UNSUPPORTED_FORMAT, "AVIF and HEIF inputs are not supported");
    }
    return new PipelineException(
        JobErrorCode.INVALID_IMAGE, "the input is not a JPEG, PNG, WebP, BMP or TIFF image");
  }
}
