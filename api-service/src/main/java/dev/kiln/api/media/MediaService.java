package dev.kiln.api.media;

import dev.kiln.api.config.MediaConfig;
import dev.kiln.api.paging.PageRequest;
import dev.kiln.api.problems.ApiException;
import dev.kiln.api.problems.ProblemCode;
import dev.kiln.api.storage.ObjectStore;
import dev.kiln.model.ids.Ids;
import dev.kiln.model.image.ImageInfo;
import dev.kiln.model.image.ImageProbe;
import dev.kiln.model.image.UnsupportedFormats;
import dev.kiln.model.jobs.StorageKeys;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

/** Stores uploads: checks the image header, writes the bytes to S3, then the media row. */
@ApplicationScoped
public class MediaService {

  private final MediaRepository repository;
  private final ObjectStore store;
  private final MediaConfig limits;

  public MediaService(MediaRepository repository, ObjectStore store, MediaConfig limits) {
    this.repository = repository;
    this.store = store;
    this.limits = limits;
  }

  /**
   * Validates and stores an upload. The object is written before the row: a crash in between leaves
   * an unreferenced object, never a row pointing at nothing.
   */
  public Uni<Media> upload(String tenantId, byte[] bytes) {
    ImageInfo info = check(bytes);
    Media media = new Media();
    media.id = Ids.media();
    media.tenantId = tenantId;
    media.storageKey = StorageKeys.media(tenantId, media.id);
    media.mimeType = info.format().mimeType();
    media.sizeBytes = bytes.length;
    media.width = info.width();
    media.height = info.height();
    media.createdAt = Instant.now().truncatedTo(ChronoUnit.MICROS);
    return store
        .put(media.storageKey, bytes, media.mimeType)
        .chain(() -> persist(media))
        .invoke(
            stored ->
                Log.infof(
                    "media %s stored: %s %dx%d, %d bytes",
                    stored.id, stored.mimeType, stored.width, stored.height, stored.sizeBytes));
  }

  @WithSession
  public Uni<Media> find(String tenantId, String id) {
    return repository
        .findOwned(tenantId, id)
        .onItem()
        .ifNull()
        .failWith(() -> ApiException.notFound("media", id));
  }

  /** A page of the tenant's uploads, newest first. */
  @WithSession
  public Uni<List<Media>> uploads(String tenantId, PageRequest page) {
    return repository.uploads(tenantId, page.cursor(), page.fetch());
  }

  @WithTransaction
  Uni<Media> persist(Media media) {
    return repository.persist(media);
  }

  private ImageInfo check(byte[] bytes) {
    if (bytes == null || bytes.length == 0) {
      throw new ApiException(ProblemCode.INVALID_IMAGE, "The request body is empty");
    }
    if (bytes.length > limits.maxBytes()) {
      throw new ApiException(
          ProblemCode.PAYLOAD_TOO_LARGE,
          "The image is " + bytes.length + " bytes; the limit is " + limits.maxBytes());
    }
    ImageInfo info = ImageProbe.probe(bytes).orElseThrow(() -> notReadable(bytes));
    if (info.pixels() > limits.maxPixels()) {
      throw new ApiException(
          ProblemCode.IMAGE_TOO_LARGE,
          "The image is %dx%d (%d pixels); the limit is %d pixels"
              .formatted(info.width(), info.height(), info.pixels(), limits.maxPixels()));
    }
    return info;
  }

  /** A format Kiln knows by name but does not read is a 415 naming it; anything else a 422. */
  private static ApiException notReadable(byte[] bytes) {
    return UnsupportedFormats.of(bytes)
        .map(
            format ->
                new ApiException(
                        ProblemCode.UNSUPPORTED_FORMAT,
                        format
                            + " images are not supported; send JPEG, PNG, WebP, GIF, BMP or TIFF")
                    .with("format", format))
        .orElseGet(
            () ->
                new ApiException(
                    ProblemCode.INVALID_IMAGE,
                    "The body is not a JPEG, PNG, WebP, GIF, BMP or TIFF image"));
  }
}
