package dev.kiln.api.media;

import dev.kiln.api.storage.ObjectStore;
import dev.kiln.api.storage.ObjectStore.SignedUrl;
import jakarta.enterprise.context.ApplicationScoped;

/** Media entity → media object, with a freshly signed URL. */
@ApplicationScoped
public class MediaMapper {

  private final ObjectStore store;

  public MediaMapper(ObjectStore store) {
    this.store = store;
  }

  public MediaView toView(Media media) {
    SignedUrl url = store.sign(media.storageKey);
    return new MediaView(
        media.id,
        "media",
        media.mimeType,
        media.sizeBytes,
        media.width,
        media.height,
        url.url(),
        url.expiresAt(),
        media.createdAt,
        media.sourceJobId);
  }
}
