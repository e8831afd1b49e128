package dev.kiln.worker.pipeline.ops;

import static org.bytedeco.opencv.global.opencv_core.add;
import static org.bytedeco.opencv.global.opencv_core.extractChannel;
import static org.bytedeco.opencv.global.opencv_core.merge;
import static org.bytedeco.opencv.global.opencv_core.subtract;
import static org.bytedeco.opencv.global.opencv_imgcodecs.IMWRITE_JPEG_OPTIMIZE;
import static org.bytedeco.opencv.global.opencv_imgcodecs.IMWRITE_JPEG_QUALITY;
import static org.bytedeco.opencv.global.opencv_imgcodecs.IMWRITE_PNG_COMPRESSION;
import static org.bytedeco.opencv.global.opencv_imgcodecs.IMWRITE_WEBP_QUALITY;
import static org.bytedeco.opencv.global.opencv_imgcodecs.imencode;
import static org.bytedeco.opencv.global.opencv_imgproc.COLOR_BGRA2BGR;
import static org.bytedeco.opencv.global.opencv_imgproc.COLOR_RGBA2mRGBA;
import static org.bytedeco.opencv.global.opencv_imgproc.cvtColor;

import dev.kiln.model.jobs.JobErrorCode;
import dev.kiln.model.pipeline.EncodeStep;
import dev.kiln.model.pipeline.OutputFormat;
import dev.kiln.worker.pipeline.EncodedImage;
import dev.kiln.worker.pipeline.Image;
import dev.kiln.worker.pipeline.PipelineException;
import jakarta.inject.Singleton;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacpp.IntPointer;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.MatVector;
import org.bytedeco.opencv.opencv_core.Scalar;

/**
 * {@code encode}, the last step: PNG (lossless, alpha kept), WebP (lossy with quality, or lossless;
 * alpha kept) or JPEG (quality; alpha composited onto white, the background most transparent
 * artwork is drawn for). With {@code max_bytes}, lossy formats search the highest quality (at most
 * the requested one, at least {@link #MIN_QUALITY}) whose output fits; PNG retries at maximum
 * compression; if nothing fits the job fails with {@code output_too_large}.
 */
@Singleton
public class EncodeOp {

  /** The lowest quality {@code max_bytes} steps down to (unless the request starts lower). */
  public static final int MIN_QUALITY = 10;

  /** zlib level 6: close to the smallest PNG at a fraction of level 9's time. */
  static final int PNG_COMPRESSION = 6;

  static final int PNG_MAX_COMPRESSION = 9;

  /** OpenCV's WebP encoder switches to lossless above quality 100. */
  static final int WEBP_LOSSLESS = 101;

  public EncodedImage encode(Image image, EncodeStep step) {
    OutputFormat format = step.format();
    Mat flattened = format == OutputFormat.JPEG && image.hasAlpha() ? onWhite(image.mat()) : null;
    Mat pixels = flattened != null ? flattened : image.mat();
    try {
      return fit(pixels, step);
    } finally {
      if (flattened != null) {
        flattened.close();
      }
    }
  }

  private EncodedImage fit(Mat pixels, EncodeStep step) {
    OutputFormat format = step.format();
    Long maxBytes = step.maxBytes();
    boolean lossless = format == OutputFormat.PNG || step.lossless();
    int quality = lossless ? 0 : step.effectiveQuality();
    EncodedImage first = encodeAt(pixels, format, lossless, quality, PNG_COMPRESSION);
    if (maxBytes == null || first.sizeBytes() <= maxBytes) {
      return first;
    }
    if (format == OutputFormat.PNG) {
      EncodedImage tighter = encodeAt(pixels, format, true, 0, PNG_MAX_COMPRESSION);
      if (tighter.sizeBytes() <= maxBytes) {
        return tighter;
      }
      throw tooLarge(first, maxBytes, "at maximum PNG compression it is " + tighter.sizeBytes());
    }
    if (lossless) {
      throw tooLarge(first, maxBytes, "lossless WebP has no quality to lower");
    }
    // Binary search of the highest fitting quality in [MIN_QUALITY, quality - 1]: size grows with
    // quality, so this needs ~log2(90) ≈ 7 encodes where stepping down one by one needs up to 90.
    EncodedImage best = null;
    int floor = Math.max(1, Math.min(MIN_QUALITY, quality - 1));
    int low = floor;
    int high = quality - 1;
    while (low <= high) {
      int mid = (low + high) >>> 1;
      EncodedImage candidate = encodeAt(pixels, format, false, mid, PNG_COMPRESSION);
      if (candidate.sizeBytes() <= maxBytes) {
        best = candidate;
        low = mid + 1;
      } else {
        high = mid - 1;
      }
    }
    if (best == null) {
      throw tooLarge(first, maxBytes, "even at quality " + floor);
    }
    return best;
  }

  private static EncodedImage encodeAt(
      Mat pixels, OutputFormat format, boolean lossless, int quality, int pngCompression) {
    int[] params =
        switch (format) {
          case PNG -> new int[] {IMWRITE_PNG_COMPRESSION, pngCompression};
          case WEBP -> new int[] {IMWRITE_WEBP_QUALITY, lossless ? WEBP_LOSSLESS : quality};
          case JPEG -> new int[] {IMWRITE_JPEG_QUALITY, quality, IMWRITE_JPEG_OPTIMIZE, 1};
        };
    try (BytePointer out = new BytePointer();
        IntPointer encodeParams = new IntPointer(params)) {
      if (!imencode("." + format.extension(), pixels, out, encodeParams)) {
        throw new IllegalStateException("OpenCV could not encode " + format);
      }
      byte[] bytes = new byte[(int) out.limit()];
      out.get(bytes);
      return new EncodedImage(
          bytes, format.mimeType(), pixels.cols(), pixels.rows(), lossless ? 0 : quality);
    }
  }

  /** BGRA composited onto an opaque white background: {@code rgb·a + 255·(1 − a)}. */
  static Mat onWhite(Mat bgra) {
    try (Mat premultiplied = new Mat();
        Mat colour = new Mat();
        Mat alpha = new Mat();
        Mat uncovered = new Mat();
        Scalar white = new Scalar(255.0);
        MatVector planes = new MatVector(3)) {
      cvtColor(bgra, premultiplied, COLOR_RGBA2mRGBA);
      cvtColor(premultiplied, colour, COLOR_BGRA2BGR);
      extractChannel(bgra, alpha, 3);
      try (Mat full = new Mat(alpha.rows(), alpha.cols(), alpha.type(), white)) {
        subtract(full, alpha, uncovered);
      }
      for (int i = 0; i < 3; i++) {
        planes.put(i, uncovered);
      }
      Mat background = new Mat();
      merge(planes, background);
      Mat out = new Mat();
      add(colour, background, out);
      background.close();
      return out;
    }
  }

  private static PipelineException tooLarge(EncodedImage first, long maxBytes, String detail) {
    return new PipelineException(
        JobErrorCode.OUTPUT_TOO_LARGE,
        "a "
            + first.width()
            + "x"
            + first.height()
            + " "
            + first.mimeType()
            + " does not fit in "
            + maxBytes
            + " bytes ("
            + detail
            + ")");
  }
}
