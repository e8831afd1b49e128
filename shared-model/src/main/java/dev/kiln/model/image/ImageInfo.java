package dev.kiln.model.image;

/** What an image header says: its format and pixel size. */
public record ImageInfo(ImageFormat format, int width, int height) {

  public long pixels() {
    return (long) width * height;
  }
}
