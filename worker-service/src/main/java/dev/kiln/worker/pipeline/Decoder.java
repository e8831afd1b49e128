package dev.kiln.worker.pipeline;

import static org.bytedeco.opencv.global.opencv_core.CV_16U;
import static org.bytedeco.opencv.global.opencv_core.CV_32F;
import static org.bytedeco.opencv.global.opencv_core.CV_64F;
import static org.bytedeco.opencv.global.opencv_core.CV_8U;
import static org.bytedeco.opencv.global.opencv_core.CV_8UC1;
import static org.bytedeco.opencv.global.opencv_core.extractChannel;
import static org.bytedeco.opencv.global.opencv_core.insertChannel;
import static org.bytedeco.opencv.global.opencv_imgcodecs.IMREAD_COLOR_BGR;
import static org.bytedeco.opencv.global.opencv_imgcodecs.IMREAD_IGNORE_ORIENTATION;
import static org.bytedeco.opencv.global.opencv_imgcodecs.IMREAD_REDUCED_COLOR_2;
import static org.bytedeco.opencv.global.opencv_imgcodecs.IMREAD_REDUCED_COLOR_4;
import static org.bytedeco.opencv.global.opencv_imgcodecs.IMREAD_REDUCED_COLOR_8;
import static org.bytedeco.opencv.global.opencv_imgcodecs.IMREAD_UNCHANGED;
import static org.bytedeco.opencv.global.opencv_imgcodecs.imdecode;
import static org.bytedeco.opencv.global.opencv_imgproc.COLOR_GRAY2BGR;
import static org.bytedeco.opencv.global.opencv_imgproc.COLOR_GRAY2BGRA;
import static org.bytedeco.opencv.global.opencv_imgproc.cvtColor;

import dev.kiln.model.image.ImageFormat;
import dev.kiln.model.image.ImageInfo;
import dev.kiln.model.image.ImageProbe;
import dev.kiln.model.jobs.JobErrorCode;
import dev.kiln.model.pipeline.AutoOrientStep;
import dev.kiln.model.pipeline.RemoveBackgroundStep;
import dev.kiln.model.pipeline.ResizeStep;
import dev.kiln.model.pipeline.Step;
import dev.kiln.worker.pipeline.ops.RemoveBackgroundOp;
import dev.kiln.worker.pipeline.ops.ResizeOp;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.opencv.opencv_core.Mat;

/**
 * Turns input bytes into an {@link Image}, guarded: the header is probed first (format, pixel count
 * against the limit, EXIF orientation), then the pixels are decoded from memory.
 *
 * <ul>
 *   <li>JPEG (baseline, progressive, greyscale, CMYK and YCCK: libjpeg and OpenCV turn the last two
 *       into RGB) decodes to BGR with {@code IMREAD_IGNORE_ORIENTATION}; when the pipeline ends up
 *       much smaller than the input, with {@code IMREAD_REDUCED_COLOR_2/4/8} (libjpeg's DCT
 *       scaling: a fraction of the time and memory of a full decode).
 *   <li>PNG (any bit depth, palette, grey, with or without alpha), WebP (lossy, lossless, alpha),
 *       BMP and TIFF decode with {@code IMREAD_UNCHANGED}, which keeps alpha (and also ignores EXIF
 *       orientation); grey becomes BGR and 16-bit or float samples become 8-bit.
 *   <li>GIF (first frame) decodes through {@link GifDecoder}: this OpenCV build has no GIF codec.
 *   <li>An embedded ICC profile other than sRGB (Adobe RGB, Display P3, ...) is converted to sRGB
 *       ({@link SrgbConversion}, slower); untagged and sRGB inputs skip that entirely.
 * </ul>
 *
 * Orientation is left to the {@code auto_orient} step (see {@link
 * dev.kiln.worker.pipeline.ops.AutoOrientOp}).
 */
public final class Decoder {

  /** Formats this build of OpenCV decodes (checked by the engine tests); GIF is not one. */
  static final Set<ImageFormat> OPENCV_FORMATS =
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
    ImageInfo info = ImageProbe.probe(bytes).orElseThrow(() -> UnsupportedFormats.rejection(bytes));
    checkPixels(info.width(), info.height());
    int orientation = ExifOrientation.read(bytes, info.format());
    Mat decoded =
        info.format() == ImageFormat.GIF
            ? GifDecoder.decode(bytes, pixels -> checkPixels(pixels, 1))
            : openCv(bytes, info, flags(info, orientation, steps));
    try {
      checkPixels(decoded.cols(), decoded.rows()); // a header that understated its size
      Mat pixels = normalize(decoded);
      decoded = pixels;
      return new Image(toSrgb(pixels, bytes, info.format()), orientation);
    } catch (RuntimeException e) {
      decoded.close();
      throw e;
    }
  }

  private static Mat openCv(byte[] bytes, ImageInfo info, int flags) {
    if (!OPENCV_FORMATS.contains(info.format())) {
      throw new PipelineException(
          JobErrorCode.UNSUPPORTED_FORMAT, info.format().mimeType() + " inputs are not supported");
    }
    Mat decoded;
    try (BytePointer data = new BytePointer(bytes);
        Mat buffer = new Mat(1, bytes.length, CV_8UC1, data)) {
      decoded = imdecode(buffer, flags);
    }
    if (decoded == null || decoded.empty()) {
      if (decoded != null) {
        decoded.close();
      }
      throw new PipelineException(
          JobErrorCode.INVALID_IMAGE,
          "the input has a " + info.format().mimeType() + " header but does not decode");
    }
    return decoded;
  }

  /** The pixels in sRGB: as they are unless an embedded profile says otherwise. */
  private static Mat toSrgb(Mat pixels, byte[] bytes, ImageFormat format) {
    byte[] profile = EmbeddedProfile.read(bytes, format).orElse(null);
    if (profile == null || !SrgbConversion.needed(profile)) {
      return pixels;
    }
    Mat converted = SrgbConversion.convert(pixels, profile);
    if (converted == null) {
      return pixels; // a profile the JDK rejects is ignored, as browsers do
    }
    pixels.close();
    return converted;
  }

  /**
   * The JPEG reduction factor (1, 2, 4 or 8) for a pipeline whose first geometric step is a resize:
   * the largest factor after which the resize still only shrinks and yields exactly the size it
   * yields from the full image. A {@code remove_background} before the resize keeps the size and
   * works on a reduced copy anyway, so it lets the reduction through, down to {@link
   * RemoveBackgroundOp#MIN_INPUT_SIDE} (the sticker case: a cut-out fitted into 512×512).
   */
  static int reductionFactor(ImageInfo info, int orientation, List<Step> steps) {
    boolean oriented = false;
    int minLongSide = 1;
    for (Step step : steps) {
      if (step instanceof AutoOrientStep) {
        oriented = true;
        continue;
      }
      if (step instanceof RemoveBackgroundStep) {
        minLongSide = RemoveBackgroundOp.MIN_INPUT_SIDE;
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
        boolean detailed = Math.max(reducedWidth, reducedHeight) >= minLongSide;
        if (stillShrinks && sameOutput && detailed) {
          return factor;
        }
      }
      return 1;
    }
    return 1;
  }

  private static int flags(ImageInfo info, int orientation, List<Step> steps) {
    if (info.format() != ImageFormat.JPEG) {
      return IMREAD_UNCHANGED;
    }
    int reduction = reductionFactor(info, orientation, steps);
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
      case 2 -> { // grey and alpha (TIFF; PNG arrives as BGRA already)
        Mat bgra = new Mat();
        try (Mat grey = new Mat();
            Mat alpha = new Mat()) {
          extractChannel(image, grey, 0);
          extractChannel(image, alpha, 1);
          cvtColor(grey, bgra, COLOR_GRAY2BGRA);
          insertChannel(alpha, bgra, 3);
        }
        image.close();
        return bgra;
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

  private void checkPixels(long width, long height) {
    long pixels = width * height;
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
}
