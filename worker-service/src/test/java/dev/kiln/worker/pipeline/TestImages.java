package dev.kiln.worker.pipeline;

import static org.bytedeco.opencv.global.opencv_core.CV_8UC;
import static org.bytedeco.opencv.global.opencv_core.CV_8UC1;
import static org.bytedeco.opencv.global.opencv_core.absdiff;
import static org.bytedeco.opencv.global.opencv_core.countNonZero;
import static org.bytedeco.opencv.global.opencv_imgcodecs.IMREAD_UNCHANGED;
import static org.bytedeco.opencv.global.opencv_imgcodecs.imdecode;
import static org.bytedeco.opencv.global.opencv_imgcodecs.imencode;
import static org.bytedeco.opencv.global.opencv_imgproc.FILLED;
import static org.bytedeco.opencv.global.opencv_imgproc.LINE_8;
import static org.bytedeco.opencv.global.opencv_imgproc.LINE_AA;
import static org.bytedeco.opencv.global.opencv_imgproc.circle;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.util.Random;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacpp.IntPointer;
import org.bytedeco.javacpp.indexer.UByteIndexer;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Point;
import org.bytedeco.opencv.opencv_core.Rect;
import org.bytedeco.opencv.opencv_core.Scalar;

/** Small generated images with known pixels, and helpers to look at them. */
public final class TestImages {

  public static final double[] RED = {0, 0, 255, 255};
  public static final double[] GREEN = {0, 255, 0, 255};
  public static final double[] BLUE = {255, 0, 0, 255};
  public static final double[] WHITE = {255, 255, 255, 255};
  public static final double[] TRANSPARENT = {0, 0, 0, 0};

  private TestImages() {}

  /** One colour (B, G, R, A) everywhere; 3 or 4 channels. */
  public static Mat solid(int width, int height, int channels, double[] colour) {
    return new Mat(
        height, width, CV_8UC(channels), new Scalar(colour[0], colour[1], colour[2], colour[3]));
  }

  /** Quadrants: top-left red, top-right green, bottom-left blue, bottom-right white. */
  public static Mat quadrants(int width, int height, int channels) {
    Mat mat = solid(width, height, channels, WHITE);
    paint(mat, 0, 0, width / 2, height / 2, RED);
    paint(mat, width / 2, 0, width - width / 2, height / 2, GREEN);
    paint(mat, 0, height / 2, width / 2, height - height / 2, BLUE);
    return mat;
  }

  /** Left half one colour, right half another. */
  public static Mat halves(int width, int height, int channels, double[] left, double[] right) {
    Mat mat = solid(width, height, channels, right);
    paint(mat, 0, 0, width / 2, height, left);
    return mat;
  }

  /**
   * A filled disc of {@code colour} centred on a transparent {@code size} × {@code size} BGRA
   * canvas; {@code antialiased} gives it a soft one-pixel edge in the alpha channel.
   */
  public static Mat disc(int size, int radius, double[] colour, boolean antialiased) {
    Mat mat = solid(size, size, 4, TRANSPARENT);
    try (Point centre = new Point(size / 2, size / 2);
        Scalar scalar = new Scalar(colour[0], colour[1], colour[2], colour[3])) {
      circle(mat, centre, radius, scalar, FILLED, antialiased ? LINE_AA : LINE_8, 0);
    }
    return mat;
  }

  /** Random pixels: incompressible, for size tests. */
  public static Mat noise(int width, int height, long seed) {
    Mat mat = new Mat(height, width, CV_8UC(3));
    byte[] bytes = new byte[width * height * 3];
    new Random(seed).nextBytes(bytes);
    mat.data().put(bytes);
    return mat;
  }

  public static void paint(Mat mat, int x, int y, int width, int height, double[] colour) {
    try (Rect rect = new Rect(x, y, width, height);
        Mat region = new Mat(mat, rect);
        Scalar scalar = new Scalar(colour[0], colour[1], colour[2], colour[3])) {
      region.put(scalar);
    }
  }

  /** Whether two images have the same size, channels and every byte. */
  public static boolean samePixels(Mat a, Mat b) {
    if (a.cols() != b.cols() || a.rows() != b.rows() || a.type() != b.type()) {
      return false;
    }
    try (Mat diff = new Mat()) {
      absdiff(a, b, diff);
      try (Mat flat = diff.reshape(1)) { // one channel: countNonZero takes no more
        return countNonZero(flat) == 0;
      }
    }
  }

  /** The channel values at (x, y). */
  public static int[] pixel(Mat mat, int x, int y) {
    try (UByteIndexer indexer = mat.createIndexer()) {
      int[] values = new int[mat.channels()];
      for (int c = 0; c < values.length; c++) {
        values[c] = indexer.get(y, x, c);
      }
      return values;
    }
  }

  /** Encodes with OpenCV, e.g. {@code encode(mat, ".png")}. */
  public static byte[] encode(Mat mat, String extension, int... params) {
    try (BytePointer out = new BytePointer();
        IntPointer encodeParams = new IntPointer(params)) {
      if (!imencode(extension, mat, out, encodeParams)) {
        throw new IllegalStateException("cannot encode " + extension);
      }
      byte[] bytes = new byte[(int) out.limit()];
      out.get(bytes);
      return bytes;
    }
  }

  /** Decodes as stored (alpha kept, orientation ignored). */
  public static Mat decode(byte[] bytes) {
    return decode(bytes, IMREAD_UNCHANGED);
  }

  public static Mat decode(byte[] bytes, int flags) {
    try (BytePointer data = new BytePointer(bytes);
        Mat buffer = new Mat(1, bytes.length, CV_8UC1, data)) {
      return imdecode(buffer, flags);
    }
  }

  /**
   * A copy of a JPEG with an EXIF APP1 segment holding only the orientation tag, inserted after the
   * JFIF APP0 segment (where cameras put it).
   */
  public static byte[] withExifOrientation(byte[] jpeg, int orientation) {
    ByteBuffer tiff = ByteBuffer.allocate(26); // big-endian ("MM")
    tiff.put((byte) 'M').put((byte) 'M').putShort((short) 42).putInt(8);
    tiff.putShort((short) 1); // one IFD entry
    tiff.putShort((short) 0x0112).putShort((short) 3).putInt(1); // orientation, SHORT, count 1
    tiff.putShort((short) orientation).putShort((short) 0);
    tiff.putInt(0); // no next IFD
    byte[] payload = tiff.array();
    int length = 2 + 6 + payload.length;
    int insertAt = 2;
    if ((jpeg[2] & 0xFF) == 0xFF && (jpeg[3] & 0xFF) == 0xE0) {
      insertAt = 4 + (((jpeg[4] & 0xFF) << 8) | (jpeg[5] & 0xFF));
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.write(jpeg, 0, insertAt);
    out.write(0xFF);
    out.write(0xE1);
    out.write(length >> 8);
    out.write(length & 0xFF);
    out.writeBytes("Exif\0\0".getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
    out.writeBytes(payload);
    out.write(jpeg, insertAt, jpeg.length - insertAt);
    return out.toByteArray();
  }

  /** A PNG signature and IHDR claiming the given size, and nothing after it. */
  public static byte[] pngHeader(int width, int height) {
    ByteBuffer b = ByteBuffer.allocate(33);
    b.put(new byte[] {(byte) 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A});
    b.putInt(13).put("IHDR".getBytes()).putInt(width).putInt(height);
    b.put((byte) 8).put((byte) 6).put((byte) 0).put((byte) 0).put((byte) 0);
    b.putInt(0); // CRC, not checked by the probe
    return b.array();
  }
}
