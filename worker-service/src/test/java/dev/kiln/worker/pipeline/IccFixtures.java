package dev.kiln.worker.pipeline;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.CRC32;
import java.util.zip.Deflater;

/**
 * Small ICC fixtures built in code: matrix/TRC RGB profiles with published colorants (Adobe RGB
 * 1998, Display P3) and the three ways files carry them (JPEG APP2, PNG iCCP, WebP ICCP).
 */
final class IccFixtures {

  /** Adobe RGB (1998): D50-adapted colorants from Adobe's profile, gamma 563/256. */
  static byte[] adobeRgb() {
    return profile(
        "Adobe RGB (1998) test",
        new double[][] {
          {0.6097, 0.3111, 0.0195}, {0.2053, 0.6257, 0.0609}, {0.1492, 0.0632, 0.7446}
        },
        gamma(563));
  }

  /** Display P3: D50-adapted colorants from Apple's profile, the sRGB tone curve. */
  static byte[] displayP3() {
    return profile(
        "Display P3 test",
        new double[][] {
          {0.5151, 0.2412, -0.0011}, {0.2920, 0.6922, 0.0419}, {0.1571, 0.0666, 0.7841}
        },
        srgbCurve());
  }

  private IccFixtures() {}

  /** An ICC v2.1 display profile: desc, wtpt, colorants, one tone curve shared by R, G and B. */
  static byte[] profile(String description, double[][] colorants, byte[] curve) {
    List<String> names = new ArrayList<>();
    List<byte[]> data = new ArrayList<>();
    names.add("desc");
    data.add(textDescription(description));
    names.add("wtpt");
    data.add(xyz(0.9642, 1.0, 0.8249));
    String[] colorantTags = {"rXYZ", "gXYZ", "bXYZ"};
    for (int i = 0; i < 3; i++) {
      names.add(colorantTags[i]);
      data.add(xyz(colorants[i][0], colorants[i][1], colorants[i][2]));
    }
    names.add("cprt");
    data.add(text("No copyright, test data"));
    int tableSize = 4 + 12 * (names.size() + 3); // + the three TRC tags, sharing one curve
    int offset = 128 + tableSize;
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    ByteBuffer table = ByteBuffer.allocate(tableSize);
    table.putInt(names.size() + 3);
    for (int i = 0; i < names.size(); i++) {
      table.put(ascii(names.get(i))).putInt(offset + body.size()).putInt(data.get(i).length);
      body.writeBytes(padded(data.get(i)));
    }
    int curveAt = offset + body.size();
    for (String trc : new String[] {"rTRC", "gTRC", "bTRC"}) {
      table.put(ascii(trc)).putInt(curveAt).putInt(curve.length);
    }
    body.writeBytes(padded(curve));
    int size = 128 + tableSize + body.size();
    ByteBuffer header = ByteBuffer.allocate(128);
    header.putInt(size).putInt(0).putInt(0x02100000);
    header.put(ascii("mntr")).put(ascii("RGB ")).put(ascii("XYZ "));
    header.putShort((short) 2024).putShort((short) 1).putShort((short) 1);
    header.putShort((short) 0).putShort((short) 0).putShort((short) 0);
    header.put(ascii("acsp"));
    header.position(68);
    header.putInt(fixed(0.9642)).putInt(fixed(1.0)).putInt(fixed(0.8249));
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.writeBytes(header.array());
    out.writeBytes(table.array());
    out.writeBytes(body.toByteArray());
    return out.toByteArray();
  }

  /** A PNG with an {@code iCCP} chunk after IHDR. */
  static byte[] inPng(byte[] png, byte[] profile) {
    Deflater deflater = new Deflater();
    deflater.setInput(profile);
    deflater.finish();
    byte[] buffer = new byte[profile.length + 1024];
    int deflated = deflater.deflate(buffer);
    deflater.end();
    ByteArrayOutputStream chunkData = new ByteArrayOutputStream();
    chunkData.writeBytes("test\0\0".getBytes(StandardCharsets.ISO_8859_1)); // name, method 0
    chunkData.write(buffer, 0, deflated);
    byte[] chunk = pngChunk("iCCP", chunkData.toByteArray());
    int afterHeader = 8 + 25; // signature, IHDR
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.write(png, 0, afterHeader);
    out.writeBytes(chunk);
    out.write(png, afterHeader, png.length - afterHeader);
    return out.toByteArray();
  }

  /** A JPEG with the profile in one APP2 segment right after SOI. */
  static byte[] inJpeg(byte[] jpeg, byte[] profile) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.write(jpeg, 0, 2);
    int length = 2 + 12 + 2 + profile.length;
    out.write(0xFF);
    out.write(0xE2);
    out.write(length >> 8);
    out.write(length & 0xFF);
    out.writeBytes("ICC_PROFILE\0".getBytes(StandardCharsets.ISO_8859_1));
    out.write(1); // sequence number
    out.write(1); // of one
    out.writeBytes(profile);
    out.write(jpeg, 2, jpeg.length - 2);
    return out.toByteArray();
  }

  /** An extended WebP (VP8X) holding the image of a simple lossy WebP and an ICCP chunk. */
  static byte[] inWebp(byte[] simpleWebp, int width, int height, byte[] profile) {
    ByteBuffer vp8x = ByteBuffer.allocate(18).order(java.nio.ByteOrder.LITTLE_ENDIAN);
    vp8x.put(ascii("VP8X")).putInt(10).put((byte) 0x20).put(new byte[3]); // flags: ICC
    vp8x.put(u24(width - 1)).put(u24(height - 1));
    ByteBuffer iccp = ByteBuffer.allocate(8).order(java.nio.ByteOrder.LITTLE_ENDIAN);
    iccp.put(ascii("ICCP")).putInt(profile.length);
    ByteArrayOutputStream chunks = new ByteArrayOutputStream();
    chunks.writeBytes(vp8x.array());
    chunks.writeBytes(iccp.array());
    chunks.writeBytes(profile);
    if (profile.length % 2 == 1) {
      chunks.write(0);
    }
    chunks.write(simpleWebp, 12, simpleWebp.length - 12); // the VP8 chunk
    ByteBuffer riff = ByteBuffer.allocate(12).order(java.nio.ByteOrder.LITTLE_ENDIAN);
    riff.put(ascii("RIFF")).putInt(4 + chunks.size()).put(ascii("WEBP"));
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.writeBytes(riff.array());
    out.writeBytes(chunks.toByteArray());
    return out.toByteArray();
  }

  private static byte[] pngChunk(String type, byte[] data) {
    ByteBuffer chunk = ByteBuffer.allocate(12 + data.length);
    chunk.putInt(data.length).put(ascii(type)).put(data);
    CRC32 crc = new CRC32();
    crc.update(ascii(type));
    crc.update(data);
    chunk.putInt((int) crc.getValue());
    return chunk.array();
  }

  private static byte[] gamma(int u8Fixed8) {
    ByteBuffer b = ByteBuffer.allocate(14);
    b.put(ascii("curv")).putInt(0).putInt(1).putShort((short) u8Fixed8);
    return b.array();
  }

  /** Parametric curve type 3, the sRGB transfer function. */
  private static byte[] srgbCurve() {
    ByteBuffer b = ByteBuffer.allocate(32);
    b.put(ascii("para")).putInt(0).putShort((short) 3).putShort((short) 0);
    for (double v : new double[] {2.4, 1 / 1.055, 0.055 / 1.055, 1 / 12.92, 0.04045}) {
      b.putInt(fixed(v));
    }
    return b.array();
  }

  private static byte[] textDescription(String text) {
    byte[] ascii = (text + "\0").getBytes(StandardCharsets.US_ASCII);
    ByteBuffer b = ByteBuffer.allocate(12 + ascii.length + 4 + 4 + 2 + 1 + 67);
    b.put(ascii("desc")).putInt(0).putInt(ascii.length).put(ascii);
    return b.array(); // Unicode and ScriptCode parts left empty
  }

  private static byte[] text(String text) {
    byte[] ascii = (text + "\0").getBytes(StandardCharsets.US_ASCII);
    ByteBuffer b = ByteBuffer.allocate(8 + ascii.length);
    b.put(ascii("text")).putInt(0).put(ascii);
    return b.array();
  }

  private static byte[] xyz(double x, double y, double z) {
    ByteBuffer b = ByteBuffer.allocate(20);
    b.put(ascii("XYZ ")).putInt(0).putInt(fixed(x)).putInt(fixed(y)).putInt(fixed(z));
    return b.array();
  }

  private static byte[] padded(byte[] data) {
    return java.util.Arrays.copyOf(data, (data.length + 3) & ~3);
  }

  private static int fixed(double value) {
    return (int) Math.round(value * 65536);
  }

  private static byte[] u24(int value) {
    return new byte[] {(byte) value, (byte) (value >> 8), (byte) (value >> 16)};
  }

  private static byte[] ascii(String s) {
    return s.getBytes(StandardCharsets.ISO_8859_1);
  }
}
