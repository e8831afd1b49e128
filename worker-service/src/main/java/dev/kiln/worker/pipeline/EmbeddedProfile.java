package dev.kiln.worker.pipeline;

import dev.kiln.model.image.ImageFormat;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.TreeMap;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;

/**
 * Reads the ICC colour profile embedded in an image file, without decoding pixels: JPEG {@code APP2
 * ICC_PROFILE} segments (joined in sequence order), PNG {@code iCCP} (inflated), WebP {@code ICCP}
 * and the TIFF tag 34675. OpenCV ignores profiles; {@link Decoder} uses this to find inputs that
 * need converting to sRGB. A missing or malformed profile reads as none.
 */
final class EmbeddedProfile {

  /** No real profile is larger (they are a few hundred bytes to a few hundred KB). */
  static final int MAX_BYTES = 4 * 1024 * 1024;

  private static final int TIFF_ICC_TAG = 34675;

  private EmbeddedProfile() {}

  static Optional<byte[]> read(byte[] bytes, ImageFormat format) {
    try {
      ByteBuffer b = ByteBuffer.wrap(bytes);
      byte[] profile =
          switch (format) {
            case JPEG -> jpeg(b);
            case PNG -> png(b);
            case WEBP -> webp(b);
            case TIFF -> tiff(b);
            default -> null;
          };
      return profile == null || profile.length < 128 ? Optional.empty() : Optional.of(profile);
    } catch (RuntimeException | DataFormatException truncatedOrMalformed) {
      return Optional.empty();
    }
  }

  private static byte[] jpeg(ByteBuffer b) {
    b.order(ByteOrder.BIG_ENDIAN);
    TreeMap<Integer, byte[]> chunks = new TreeMap<>();
    int pos = 2;
    while (pos + 4 <= b.limit()) {
      if ((b.get(pos) & 0xFF) != 0xFF) {
        break;
      }
      int marker = b.get(pos + 1) & 0xFF;
      if (marker == 0xFF) {
        pos++;
        continue;
      }
      if (marker == 0xDA || marker == 0xD9) {
        break; // the profile precedes the pixels
      }
      int length = u16(b, pos + 2);
      if (marker == 0xE2 && length > 16 && ascii(b, pos + 4, 12).equals("ICC_PROFILE\0")) {
        int sequence = b.get(pos + 16) & 0xFF;
        byte[] chunk = new byte[length - 16];
        b.get(pos + 18, chunk);
        chunks.put(sequence, chunk);
      }
      pos += 2 + length;
    }
    if (chunks.isEmpty()) {
      return null;
    }
    ByteArrayOutputStream joined = new ByteArrayOutputStream();
    chunks.values().forEach(joined::writeBytes);
    return joined.toByteArray();
  }

  private static byte[] png(ByteBuffer b) throws DataFormatException {
    b.order(ByteOrder.BIG_ENDIAN);
    int pos = 8;
    while (pos + 8 <= b.limit()) {
      int length = b.getInt(pos);
      String type = ascii(b, pos + 4, 4);
      if (length < 0 || type.equals("IDAT") || type.equals("IEND")) {
        return null;
      }
      if (type.equals("iCCP")) {
        int data = pos + 8;
        int name = 0;
        while (b.get(data + name) != 0 && name < 80) {
          name++;
        }
        int compressed = data + name + 2; // name, its NUL, the compression method (0: zlib)
        byte[] deflated = new byte[data + length - compressed];
        b.get(compressed, deflated);
        return inflate(deflated);
      }
      pos += 12 + length;
    }
    return null;
  }

  private static byte[] webp(ByteBuffer b) {
    b.order(ByteOrder.LITTLE_ENDIAN);
    int pos = 12;
    while (pos + 8 <= b.limit()) {
      String fourcc = ascii(b, pos, 4);
      int size = b.getInt(pos + 4);
      if (size < 0) {
        return null;
      }
      if (fourcc.equals("ICCP")) {
        byte[] profile = new byte[Math.min(size, MAX_BYTES)];
        b.get(pos + 8, profile);
        return profile;
      }
      if (fourcc.equals("VP8 ") || fourcc.equals("VP8L") || fourcc.equals("ANIM")) {
        return null; // ICCP comes before the image data
      }
      pos += 8 + size + (size & 1);
    }
    return null;
  }

  private static byte[] tiff(ByteBuffer b) {
    b.order(b.get(0) == 'I' ? ByteOrder.LITTLE_ENDIAN : ByteOrder.BIG_ENDIAN);
    int ifd = b.getInt(4);
    int entries = u16(b, ifd);
    for (int i = 0; i < entries; i++) {
      int entry = ifd + 2 + i * 12;
      if (u16(b, entry) == TIFF_ICC_TAG) {
        int count = b.getInt(entry + 4);
        if (count < 0 || count > MAX_BYTES) {
          return null;
        }
        byte[] profile = new byte[count];
        b.get(b.getInt(entry + 8), profile);
        return profile;
      }
    }
    return null;
  }

  /** zlib data, at most {@link #MAX_BYTES} of it (a deflate bomb stops there). */
  private static byte[] inflate(byte[] deflated) throws DataFormatException {
    Inflater inflater = new Inflater();
    try {
      inflater.setInput(deflated);
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      byte[] buffer = new byte[8192];
      while (!inflater.finished() && out.size() < MAX_BYTES) {
        int n = inflater.inflate(buffer);
        if (n == 0 && (inflater.needsInput() || inflater.needsDictionary())) {
          break;
        }
        out.write(buffer, 0, n);
      }
      return out.toByteArray();
    } finally {
      inflater.end();
    }
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
