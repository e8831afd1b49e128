package dev.kiln.worker.pipeline;

import static org.bytedeco.opencv.global.opencv_core.CV_8UC3;
import static org.bytedeco.opencv.global.opencv_core.extractChannel;
import static org.bytedeco.opencv.global.opencv_core.insertChannel;
import static org.bytedeco.opencv.global.opencv_imgproc.COLOR_BGR2BGRA;
import static org.bytedeco.opencv.global.opencv_imgproc.COLOR_BGR2RGB;
import static org.bytedeco.opencv.global.opencv_imgproc.COLOR_BGRA2RGB;
import static org.bytedeco.opencv.global.opencv_imgproc.COLOR_RGB2BGR;
import static org.bytedeco.opencv.global.opencv_imgproc.cvtColor;

import java.awt.color.ColorSpace;
import java.awt.color.ICC_ColorSpace;
import java.awt.color.ICC_Profile;
import java.awt.image.ColorConvertOp;
import java.awt.image.DataBufferByte;
import java.awt.image.Raster;
import java.awt.image.WritableRaster;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.opencv.opencv_core.Mat;

/**
 * Colour management, the slow path: OpenCV has none, so pixels of an input tagged with an RGB
 * profile other than sRGB (Adobe RGB, Display P3, ProPhoto, a camera's) are converted to sRGB with
 * the JDK's colour management (LittleCMS inside {@link ColorConvertOp}). Everything Kiln writes is
 * untagged sRGB, which is what browsers and messengers assume.
 *
 * <p>Whether a profile is sRGB is decided from its bytes, without loading it (the fast path stays
 * free of it): its description names sRGB, or its colorants are sRGB's.
 */
final class SrgbConversion {

  /** The D50-adapted colorants (rXYZ, gXYZ, bXYZ) of sRGB as profiles record them. */
  private static final double[][] SRGB_COLORANTS = {
    {0.4361, 0.2225, 0.0139}, {0.3851, 0.7169, 0.0971}, {0.1431, 0.0606, 0.7141}
  };

  private static final double COLORANT_TOLERANCE = 0.003;

  private SrgbConversion() {}

  /** Whether pixels under {@code profile} need converting: an RGB profile that is not sRGB. */
  static boolean needed(byte[] profile) {
    try {
      ByteBuffer b = ByteBuffer.wrap(profile); // ICC profiles are big-endian
      if (!ascii(b, 16, 4).equals("RGB ") || !ascii(b, 36, 4).equals("acsp")) {
        return false; // CMYK and grey profiles: OpenCV's own conversion stands
      }
      String description = description(b).toLowerCase(Locale.ROOT);
      boolean namedSrgb = description.contains("srgb") && !description.contains("linear");
      return !namedSrgb && !hasSrgbColorants(b);
    } catch (RuntimeException malformed) {
      return false; // a broken profile is ignored, as browsers do
    }
  }

  /**
   * @param pixels 8-bit BGR or BGRA, in the colour space of {@code profile}; not modified
   * @return the pixels in sRGB (same channels), or null when the JDK rejects the profile
   */
  static Mat convert(Mat pixels, byte[] profile) {
    ColorConvertOp op;
    try {
      ICC_ColorSpace source = new ICC_ColorSpace(ICC_Profile.getInstance(profile));
      op = new ColorConvertOp(source, ColorSpace.getInstance(ColorSpace.CS_sRGB), null);
    } catch (IllegalArgumentException unusable) {
      return null;
    }
    int width = pixels.cols();
    int height = pixels.rows();
    boolean alpha = pixels.channels() == 4;
    byte[] rgb = new byte[width * height * 3];
    try (Mat interleaved = new Mat()) {
      cvtColor(pixels, interleaved, alpha ? COLOR_BGRA2RGB : COLOR_BGR2RGB);
      interleaved.data().get(rgb);
    }
    byte[] converted = new byte[rgb.length];
    op.filter(raster(rgb, width, height), raster(converted, width, height));
    Mat out = new Mat();
    try (BytePointer data = new BytePointer(converted);
        Mat result = new Mat(height, width, CV_8UC3, data)) {
      if (!alpha) {
        cvtColor(result, out, COLOR_RGB2BGR);
        return out;
      }
      try (Mat bgr = new Mat();
          Mat a = new Mat()) {
        cvtColor(result, bgr, COLOR_RGB2BGR);
        cvtColor(bgr, out, COLOR_BGR2BGRA);
        extractChannel(pixels, a, 3);
        insertChannel(a, out, 3);
        return out;
      }
    }
  }

  private static WritableRaster raster(byte[] rgb, int width, int height) {
    return Raster.createInterleavedRaster(
        new DataBufferByte(rgb, rgb.length),
        width,
        height,
        width * 3,
        3,
        new int[] {0, 1, 2},
        null);
  }

  /** The profile description ({@code desc} tag: v2 text or v4 multi-localised), or "". */
  private static String description(ByteBuffer b) {
    int tag = tagOffset(b, "desc");
    if (tag < 0) {
      return "";
    }
    String type = ascii(b, tag, 4);
    if (type.equals("desc")) {
      int count = b.getInt(tag + 8);
      return ascii(b, tag + 12, Math.max(0, Math.min(count, 256)));
    }
    if (type.equals("mluc") && b.getInt(tag + 8) > 0) {
      int length = b.getInt(tag + 20);
      int offset = b.getInt(tag + 24);
      byte[] text = new byte[Math.max(0, Math.min(length, 512))];
      b.get(tag + offset, text);
      return new String(text, StandardCharsets.UTF_16BE);
    }
    return "";
  }

  private static boolean hasSrgbColorants(ByteBuffer b) {
    String[] tags = {"rXYZ", "gXYZ", "bXYZ"};
    for (int i = 0; i < 3; i++) {
      int tag = tagOffset(b, tags[i]);
      if (tag < 0 || !ascii(b, tag, 4).equals("XYZ ")) {
        return false;
      }
      for (int c = 0; c < 3; c++) {
        double value = b.getInt(tag + 8 + 4 * c) / 65536.0; // s15Fixed16
        if (Math.abs(value - SRGB_COLORANTS[i][c]) > COLORANT_TOLERANCE) {
          return false;
        }
      }
    }
    return true;
  }

  /** The offset of the tag's data, or -1. */
  private static int tagOffset(ByteBuffer b, String signature) {
    int count = b.getInt(128);
    for (int i = 0; i < count && i < 1000; i++) {
      int entry = 132 + 12 * i;
      if (ascii(b, entry, 4).equals(signature)) {
        return b.getInt(entry + 4);
      }
    }
    return -1;
  }

  private static String ascii(ByteBuffer b, int offset, int length) {
    byte[] chars = new byte[length];
    b.get(offset, chars);
    return new String(chars, StandardCharsets.ISO_8859_1).replace("\0", "");
  }
}
