package dev.kiln.model.image;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Optional;

/**
 * Reads an image's format and dimensions from its header without decoding pixels, so that size
 * limits (decompression bombs) are enforced before any decoder allocates memory. Pure Java, no
 * codec: a few hundred bytes to a few KB of the file are enough for every supported format.
 */
public final class ImageProbe {

  private static final int TIFF_WIDTH = 256;
  private static final int TIFF_HEIGHT = 257;
  private static final int TIFF_SHORT = 3;
  private static final int TIFF_LONG = 4;

  private ImageProbe() {}

  /**
   * @return the header's format and size, or empty when the bytes are not a well-formed header of a
   *     known format
   */
  public static Optional<ImageInfo> probe(byte[] bytes) {
    try {
      ImageInfo info = read(ByteBuffer.wrap(bytes));
      return info != null && info.width() > 0 && info.height() > 0
          ? Optional.of(info)
          : Optional.empty();
    } catch (RuntimeException truncatedOrMalformed) {
      return Optional.empty();
    }
  }

  private static ImageInfo read(ByteBuffer b) {
    if (startsWith(b, 0xFF, 0xD8, 0xFF)) {
      return jpeg(b);
    }
    if (startsWith(b, 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A)) {
      return new ImageInfo(ImageFormat.PNG, b.getInt(16), b.getInt(20));
    }
    if (startsWith(b, 'R', 'I', 'F', 'F') && ascii(b, 8, 4).equals("WEBP")) {
      return webp(b);
    }
    if (startsWith(b, 'G', 'I', 'F', '8')) {
      b.order(ByteOrder.LITTLE_ENDIAN);
      return new ImageInfo(ImageFormat.GIF, u16(b, 6), u16(b, 8));
    }
    if (startsWith(b, 'B', 'M')) {
      b.order(ByteOrder.LITTLE_ENDIAN);
      return new ImageInfo(ImageFormat.BMP, Math.abs(b.getInt(18)), Math.abs(b.getInt(22)));
    }
    if (startsWith(b, 'I', 'I', 42, 0) || startsWith(b, 'M', 'M', 0, 42)) {
      return tiff(b);
    }
    return null;
  }

  private static ImageInfo jpeg(ByteBuffer b) {
    int pos = 2;
    while (pos + 9 < b.limit()) {
      if ((b.get(pos) & 0xFF) != 0xFF) {
        return null;
      }
      int marker = b.get(pos + 1) & 0xFF;
      if (marker == 0xFF) {
        pos++; // fill byte
        continue;
      }
      int length = u16(b, pos + 2);
      boolean startOfFrame =
          marker >= 0xC0 && marker <= 0xCF && marker != 0xC4 && marker != 0xC8 && marker != 0xCC;
      if (startOfFrame) {
        return new ImageInfo(ImageFormat.JPEG, u16(b, pos + 7), u16(b, pos + 5));
      }
      pos += 2 + length;
    }
    return null;
  }

  private static ImageInfo webp(ByteBuffer b) {
    b.order(ByteOrder.LITTLE_ENDIAN);
    String chunk = ascii(b, 12, 4);
    return switch (chunk) {
      case "VP8X" -> new ImageInfo(ImageFormat.WEBP, 1 + u24(b, 24), 1 + u24(b, 27));
      case "VP8L" -> {
        int bits = b.getInt(21);
        yield new ImageInfo(ImageFormat.WEBP, 1 + (bits & 0x3FFF), 1 + ((bits >>> 14) & 0x3FFF));
      }
      case "VP8 " -> new ImageInfo(ImageFormat.WEBP, u16(b, 26) & 0x3FFF, u16(b, 28) & 0x3FFF);
      default -> null;
    };
  }

  /**
   * The size tags of the first directory. A file that gives a size tag twice, or as a type other
   * than SHORT or LONG, is refused: readers disagree on which of two values counts, and a check on
   * one while the decoder uses the other would let a decompression bomb through.
   */
  private static ImageInfo tiff(ByteBuffer b) {
    b.order(b.get(0) == 'I' ? ByteOrder.LITTLE_ENDIAN : ByteOrder.BIG_ENDIAN);
    int ifd = b.getInt(4);
    int entries = u16(b, ifd);
    int width = 0;
    int height = 0;
    for (int i = 0; i < entries; i++) {
      int entry = ifd + 2 + i * 12;
      int tag = u16(b, entry);
      if (tag != TIFF_WIDTH && tag != TIFF_HEIGHT) {
        continue;
      }
      int type = u16(b, entry + 2);
      if ((type != TIFF_SHORT && type != TIFF_LONG) || (tag == TIFF_WIDTH ? width : height) != 0) {
        return null;
      }
      int value = type == TIFF_SHORT ? u16(b, entry + 8) : b.getInt(entry + 8);
      if (value <= 0) {
        return null;
      }
      if (tag == TIFF_WIDTH) {
        width = value;
      } else {
        height = value;
      }
    }
    return new ImageInfo(ImageFormat.TIFF, width, height);
  }

  private static boolean startsWith(ByteBuffer b, int... magic) {
    if (b.limit() < magic.length) {
      return false;
    }
    for (int i = 0; i < magic.length; i++) {
      if ((b.get(i) & 0xFF) != (magic[i] & 0xFF)) {
        return false;
      }
    }
    return true;
  }

  private static String ascii(ByteBuffer b, int offset, int length) {
    StringBuilder s = new StringBuilder(length);
    for (int i = 0; i < length; i++) {
      s.append((char) (b.get(offset + i) & 0xFF));
    }
    return s.toString();
  }

  private static int u16(ByteBuffer b, int offset) {
    return b.getShort(offset) & 0xFFFF;
  }

  private static int u24(ByteBuffer b, int offset) {
    return (b.get(offset) & 0xFF)
        | (b.get(offset + 1) & 0xFF) << 8
        | (b.get(offset + 2) & 0xFF) << 16;
  }
}
