package dev.kiln.client.media;

import com.fasterxml.jackson.core.type.TypeReference;
import dev.kiln.client.Page;
import dev.kiln.client.Pages;
import dev.kiln.client.errors.KilnException;
import dev.kiln.client.http.ApiRequest;
import dev.kiln.client.http.Json;
import dev.kiln.client.http.Query;
import dev.kiln.client.http.Transport;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpRequest.BodyPublisher;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Locale;
import java.util.function.Supplier;

/** Uploads and downloads images: {@code /v1/media}. */
public final class MediaApi {

  private static final TypeReference<Page<Media>> PAGE = new TypeReference<>() {};

  private final Transport transport;

  public MediaApi(Transport transport) {
    this.transport = transport;
  }

  /**
   * Uploads an image file; its content type comes from its name ({@code .jpg}, {@code .png}, {@code
   * .webp}, ...), {@code application/octet-stream} otherwise (Kiln reads the format from the
   * bytes).
   */
  public Media upload(Path file) {
    if (!Files.isRegularFile(file)) {
      throw new UncheckedIOException(new FileNotFoundException(file.toString()));
    }
    return upload(
        contentType(file),
        () -> {
          try {
            return BodyPublishers.ofFile(file);
          } catch (FileNotFoundException e) {
            throw new UncheckedIOException(e);
          }
        });
  }

  /** Uploads an image's bytes with their content type, such as {@code image/jpeg}. */
  public Media upload(byte[] image, String contentType) {
    return upload(contentType, () -> BodyPublishers.ofByteArray(image));
  }

  /**
   * Uploads an image read from a stream (read whole first, so that a retry can send it again;
   * uploads are at most 25 MiB). The stream is not closed.
   */
  public Media upload(InputStream image, String contentType) {
    try {
      return upload(image.readAllBytes(), contentType);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private Media upload(String contentType, Supplier<BodyPublisher> body) {
    // A repeated upload stores the image twice, which costs nothing but space: safe to retry.
    return transport.json(
        ApiRequest.post("/v1/media", contentType, body).idempotent(), Media.class);
  }

  /** A media object with a fresh pre-signed URL. */
  public Media get(String mediaId) {
    return transport.json(ApiRequest.get("/v1/media/" + Query.encode(mediaId)), Media.class);
  }

  /** One page of the account's uploads, newest first. */
  public Page<Media> list(Integer limit, String cursor) {
    byte[] body =
        transport
            .send(
                ApiRequest.get("/v1/media" + new Query().add("limit", limit).add("cursor", cursor)))
            .body();
    return Json.read(body, Json.MAPPER.getTypeFactory().constructType(PAGE));
  }

  /** Every upload, page after page. */
  public Pages<Media> listAll() {
    return new Pages<>(cursor -> list(100, cursor));
  }

  /** The bytes of a media object. */
  public byte[] download(String mediaId) {
    return transport
        .download(URI.create(get(mediaId).url()), HttpResponse.BodyHandlers.ofByteArray())
        .body();
  }

  /** Writes a media object's bytes to {@code target}, replacing it. */
  public Path download(String mediaId, Path target) {
    return save(transport, URI.create(get(mediaId).url()), target);
  }

  /** Downloads {@code url} into {@code target} through a temporary file beside it. */
  public static Path save(Transport transport, URI url, Path target) {
    try {
      Path dir = target.toAbsolutePath().getParent();
      Files.createDirectories(dir);
      Path partial = Files.createTempFile(dir, ".kiln-", ".part");
      try {
        transport.download(url, HttpResponse.BodyHandlers.ofFile(partial));
        return Files.move(partial, target, StandardCopyOption.REPLACE_EXISTING);
      } finally {
        Files.deleteIfExists(partial);
      }
    } catch (IOException e) {
      throw new KilnException("Cannot write " + target + ": " + e.getMessage(), e);
    }
  }

  static String contentType(Path file) {
    String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
    String extension = name.substring(name.lastIndexOf('.') + 1);
    switch (extension) {
      case "jpg":
      case "jpeg":
        return "image/jpeg";
      case "png":
        return "image/png";
      case "webp":
        return "image/webp";
      case "gif":
        return "image/gif";
      case "bmp":
        return "image/bmp";
      case "tif":
      case "tiff":
        return "image/tiff";
      default:
        return "application/octet-stream";
    }
  }
}
