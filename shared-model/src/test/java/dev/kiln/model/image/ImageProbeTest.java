package dev.kiln.model.image;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.HexFormat;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ImageProbeTest {

  private static byte[] encode(String format, int width, int height) throws IOException {
    int type =
        format.equals("png") || format.equals("tiff")
            ? BufferedImage.TYPE_INT_ARGB
            : BufferedImage.TYPE_INT_RGB;
    var out = new ByteArrayOutputStream();
    assertThat(ImageIO.write(new BufferedImage(width, height, type), format, out)).isTrue();
    return out.toByteArray();
  }

  @ParameterizedTest
  @CsvSource({"png,PNG", "jpeg,JPEG", "gif,GIF", "bmp,BMP", "tiff,TIFF"})
  void readsFormatAndSizeFromRealFiles(String writer, ImageFormat format) throws IOException {
    assertThat(ImageProbe.probe(encode(writer, 321, 123)))
        .contains(new ImageInfo(format, 321, 123));
  }

  @Test
  void readsWebpHeadersOfAllThreeKinds() {
    // Extended (VP8X): 24-bit width-1 and height-1 at offset 24.
    byte[] vp8x = riff("VP8X", "0a000000" + "10000000" + "ff0f00" + "cf0700");
    // Lossless (VP8L): signature 0x2f, then 14-bit width-1 and height-1.
    int bits = (640 - 1) | (480 - 1) << 14;
    byte[] vp8l =
        riff("VP8L", "0a000000" + "2f" + HexFormat.of().toHexDigits(Integer.reverseBytes(bits)));
    // Lossy (VP8): frame tag, start code 9d012a, 14-bit width and height.
    byte[] vp8 = riff("VP8 ", "0a000000" + "000000" + "9d012a" + "2003" + "5802");

    assertThat(ImageProbe.probe(vp8x)).contains(new ImageInfo(ImageFormat.WEBP, 4096, 2000));
    assertThat(ImageProbe.probe(vp8l)).contains(new ImageInfo(ImageFormat.WEBP, 640, 480));
    assertThat(ImageProbe.probe(vp8)).contains(new ImageInfo(ImageFormat.WEBP, 800, 600));
  }

  @Test
  void aDecompressionBombIsMeasuredFromItsHeaderAlone() throws IOException {
    byte[] png = encode("png", 10, 10);
    byte[] header = Arrays.copyOf(png, 33);
    header[16] = 0x00; // width 100000 × height 100000 in IHDR
    header[17] = 0x01;
    header[18] = (byte) 0x86;
    header[19] = (byte) 0xA0;
    System.arraycopy(header, 16, header, 20, 4);

    assertThat(ImageProbe.probe(header).orElseThrow().pixels()).isEqualTo(10_000_000_000L);
  }

  @Test
  void rejectsNonImagesAndTruncatedHeaders() throws IOException {
    assertThat(ImageProbe.probe("hello, world".getBytes())).isEmpty();
    assertThat(ImageProbe.probe(new byte[0])).isEmpty();
    assertThat(ImageProbe.probe(Arrays.copyOf(encode("png", 5, 5), 12))).isEmpty();
    assertThat(ImageProbe.probe(new byte[] {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF, 0})).isEmpty();
  }

  @Test
  void aTiffThatGivesItsSizeTwiceIsRefused() {
    assertThat(ImageProbe.probe(tiff(new int[][] {{256, 3, 10}, {257, 3, 10}})))
        .contains(new ImageInfo(ImageFormat.TIFF, 10, 10));
    // Small first, huge second: a check of the one and a decode of the other must not happen.
    assertThat(ImageProbe.probe(tiff(new int[][] {{256, 3, 10}, {257, 3, 10}, {256, 4, 100_000}})))
        .isEmpty();
    assertThat(ImageProbe.probe(tiff(new int[][] {{256, 3, 10}, {257, 3, 10}, {257, 3, 10}})))
        .isEmpty();
    // A size as a RATIONAL or as a negative LONG is no size.
    assertThat(ImageProbe.probe(tiff(new int[][] {{256, 5, 10}, {257, 3, 10}}))).isEmpty();
    assertThat(ImageProbe.probe(tiff(new int[][] {{256, 4, -1}, {257, 3, 10}}))).isEmpty();
  }

  @Test
  void namesFormatsItDoesNotRead() {
    byte[] avif = new byte[32];
    System.arraycopy("ftypavif".getBytes(), 0, avif, 4, 8);
    byte[] heic = new byte[32];
    System.arraycopy("ftypheic".getBytes(), 0, heic, 4, 8);

    assertThat(ImageProbe.probe(avif)).isEmpty();
    assertThat(UnsupportedFormats.of(avif)).contains("AVIF");
    assertThat(UnsupportedFormats.of(heic)).contains("HEIC");
    assertThat(UnsupportedFormats.of("%PDF-1.7".getBytes())).contains("PDF");
    assertThat(UnsupportedFormats.of("hello, world".getBytes())).isEmpty();
  }

  /** A little-endian TIFF header and one directory of {tag, type, value} entries. */
  private static byte[] tiff(int[][] entries) {
    ByteBuffer b = ByteBuffer.allocate(8 + 2 + entries.length * 12 + 4);
    b.order(ByteOrder.LITTLE_ENDIAN).put(new byte[] {'I', 'I', 42, 0}).putInt(8);
    b.putShort((short) entries.length);
    for (int[] entry : entries) {
      b.putShort((short) entry[0]).putShort((short) entry[1]).putInt(1);
      if (entry[1] == 3) {
        b.putShort((short) entry[2]).putShort((short) 0);
      } else {
        b.putInt(entry[2]);
      }
    }
    return b.putInt(0).array();
  }

  private static byte[] riff(String chunk, String payloadHex) {
    byte[] payload = HexFormat.of().parseHex(payloadHex);
    byte[] out = new byte[12 + 4 + payload.length];
    System.arraycopy("RIFF".getBytes(), 0, out, 0, 4);
    System.arraycopy("WEBP".getBytes(), 0, out, 8, 4);
    System.arraycopy(chunk.getBytes(), 0, out, 12, 4);
    System.arraycopy(payload, 0, out, 16, payload.length);
    return out;
  }
}
