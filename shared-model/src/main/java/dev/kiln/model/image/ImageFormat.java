package dev.kiln.model.image;

/** Image formats Kiln recognises from their first bytes. */
public enum ImageFormat {
  JPEG("image/jpeg"),
  PNG("image/png"),
  WEBP("image/webp"),
  GIF("image/gif"),
  BMP("image/bmp"),
  TIFF("image/tiff");

  private final String mimeType;

  ImageFormat(String mimeType) {
    this.mimeType = mimeType;
  }

  public String mimeType() {
    return mimeType;
  }
}
