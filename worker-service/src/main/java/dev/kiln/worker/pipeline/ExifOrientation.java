package dev.kiln.worker.pipeline;

import dev.kiln.model.image.ImageFormat;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/**
 * Reads the EXIF orientation tag (0x0112) from the file bytes without decoding pixels: JPEG APP1,
 * PNG {@code eXIf}, WebP {@code EXIF} chunks and TIFF's own first IFD. Anything missing, truncated
 * or malformed reads as 1 (upright): orientation is a hint, never a reason to fail a job.
 */
public final class ExifOrientation {

  /** No transformation needed. */
  public static final int UPRIGHT = 1;

  private static final int ORIENTATION_TAG = 0x0112;

  private ExifOrientation() {}

  /** The orientation (1-8) the file declares, or {@link #UPRIGHT}. */
  public static int read(byte[] bytes, ImageFormat format) {
    try {
      ByteBuffer b = ByteBuffer.wrap(bytes);
      int value =
          switch (format) {
            case JPEG -> jpeg(b);
            case PNG -> png(b);
            case WEBP -> webp(b);
            case TIFF -> tiff(b, 0);
            default -> UPRIGHT;
          };
      return value >= 1 && value <= 8 ? value : UPRIGHT;
    } catch (RuntimeException truncatedOrMalformed) {
      return UPRIGHT;
    }
  }

  /** Whether the orientation swaps width and height (the 90° cases). */
  public static boolean swapsAxes(int orientation) {
    return orientation >= 5 && orientation <= 8;
  }

  private static int jpeg(ByteBuffer b) {
    int pos = 2;
    while (pos + 4 <= b.limit()) {
      if ((b.get(pos) & 0xFF) != 0xFF) {
        return UPRIGHT;
      }
      int marker = b.get(pos + 1) & 0xFF;
      if (marker == 0xFF) {
        pos++;
        continue;
      }
      if (marker == 0xDA || marker == 0xD9) {
        return UPRIGHT; // start of scan or end of image: no EXIF before the pixels
      }
      int length = u16(b.order(ByteOrder.BIG_ENDIAN), pos + 2);
      if (marker == 0xE1 && ascii(b, pos + 4, 6).equals("Exif\0\0")) {
        return tiff(b, pos + 10);
      }
      pos += 2 + length;
    }
    return UPRIGHT;
  }

  private static int png(ByteBuffer b) {
    b.order(ByteOrder.BIG_ENDIAN);
    int pos = 8;
    while (pos + 8 <= b.limit()) {
      int length = b.getInt(pos);
      String type = ascii(b, pos + 4, 4);
      if (type.equals("eXIf")) {
        return tiff(b, pos + 8);
      }
      if (type.equals("IDAT") || type.equals("IEND") || length < 0) {
        return UPRIGHT;
      }
      pos += 12 + length;
    }
    return UPRIGHT;
  }

  private static int webp(ByteBuffer b) {
    int pos = 12;
    while (pos + 8 <= b.limit()) {
      String fourcc = ascii(b, pos, 4);
      int size = b.order(ByteOrder.LITTLE_ENDIAN).getInt(pos + 4);
      if (fourcc.equals("EXIF")) {
        int data = pos + 8;
        // Some writers keep the JPEG-style "Exif\0\0" prefix inside the chunk.
        return tiff(b, ascii(b, data, 6).equals("Exif\0\0") ? data + 6 : data);
      }
      if (size < 0) {
        return UPRIGHT;
      }
      pos += 8 + size + (size & 1);
    }
    return UPRIGHT;
  }

  /** Reads the orientation from a TIFF structure (EXIF payload) starting at {@code start}. */
  private static int tiff(ByteBuffer b, int start) {
    ByteOrder order =
        switch (ascii(b, start, 2)) {
          case "II" -> ByteOrder.LITTLE_ENDIAN;
          case "MM" -> ByteOrder.BIG_ENDIAN;
          default -> null;
        };
    if (order == null) {
      return UPRIGHT;
    }
    b.order(order);
    if (u16(b, start + 2) != 42) {
      return UPRIGHT;
    }
    int ifd = start + b.getInt(start + 4);
    int entries = u16(b, ifd);
    for (int i = 0; i < entries; i++) {
      int entry = ifd + 2 + i * 12;
      if (u16(b, entry) == ORIENTATION_TAG) {
        return u16(b, entry + 8); // type SHORT, value left-aligned in the 4-byte field
      }
    }
    return UPRIGHT;
  }

  private static String ascii(ByteBuffer b, int offset, int length) {
    byte[] chars = new byte[length];
    b.get(offset, chars);
    return new String(chars, StandardCharsets.ISO_8859_1);
  }

  private static int u16(ByteBuffer b, int offset) {
    return b.getShort(offset) & 0xFFFF;
  }
}
