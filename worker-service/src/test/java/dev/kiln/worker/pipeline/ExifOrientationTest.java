package dev.kiln.worker.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kiln.model.image.ImageFormat;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class ExifOrientationTest {

  @BeforeAll
  static void loadOpenCv() {
    OpenCvRuntime.load();
  }

  @Test
  void jpegApp1() {
    byte[] jpeg = TestImages.encode(TestImages.quadrants(8, 8, 3), ".jpg");
    assertThat(ExifOrientation.read(jpeg, ImageFormat.JPEG)).isEqualTo(1);
    assertThat(ExifOrientation.read(TestImages.withExifOrientation(jpeg, 8), ImageFormat.JPEG))
        .isEqualTo(8);
  }

  @Test
  void pngExifChunk() {
    byte[] png = TestImages.encode(TestImages.quadrants(8, 8, 3), ".png");
    int afterHeader = 8 + 12 + 13; // signature, IHDR chunk
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.write(png, 0, afterHeader);
    byte[] tiff = tiff(3, ByteOrder.LITTLE_ENDIAN);
    out.writeBytes(ByteBuffer.allocate(4).putInt(tiff.length).array());
    out.writeBytes("eXIf".getBytes(StandardCharsets.ISO_8859_1));
    out.writeBytes(tiff);
    out.writeBytes(new byte[4]); // CRC, not checked
    out.write(png, afterHeader, png.length - afterHeader);

    assertThat(ExifOrientation.read(out.toByteArray(), ImageFormat.PNG)).isEqualTo(3);
  }

  @Test
  void webpExifChunk() {
    byte[] webp = TestImages.encode(TestImages.quadrants(8, 8, 3), ".webp");
    byte[] tiff = tiff(6, ByteOrder.BIG_ENDIAN);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.writeBytes(webp);
    out.writeBytes("EXIF".getBytes(StandardCharsets.ISO_8859_1));
    out.writeBytes(
        ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt(tiff.length).array());
    out.writeBytes(tiff);

    assertThat(ExifOrientation.read(out.toByteArray(), ImageFormat.WEBP)).isEqualTo(6);
  }

  @Test
  void garbageReadsUpright() {
    byte[] jpegStart = {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF, (byte) 0xE1, 0x7F, 0x7F, 'E'};
    assertThat(ExifOrientation.read(jpegStart, ImageFormat.JPEG)).isEqualTo(1);
    byte[] tiffWithBadOrientation = tiff(42, ByteOrder.BIG_ENDIAN);
    assertThat(ExifOrientation.read(tiffWithBadOrientation, ImageFormat.TIFF)).isEqualTo(1);
    assertThat(
            ExifOrientation.read(
                Arrays.copyOf(tiff(6, ByteOrder.BIG_ENDIAN), 12), ImageFormat.TIFF))
        .isEqualTo(1);
  }

  /** A TIFF structure with one IFD entry: the orientation. */
  private static byte[] tiff(int orientation, ByteOrder order) {
    ByteBuffer b = ByteBuffer.allocate(26).order(order);
    b.put(order == ByteOrder.BIG_ENDIAN ? "MM".getBytes() : "II".getBytes());
    b.putShort((short) 42).putInt(8).putShort((short) 1);
    b.putShort((short) 0x0112).putShort((short) 3).putInt(1).putShort((short) orientation);
    b.putShort((short) 0).putInt(0);
    return b.array();
  }
}
