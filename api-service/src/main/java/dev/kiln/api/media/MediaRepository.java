package dev.kiln.api.media;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

/** Media objects, always scoped to their tenant. */
@ApplicationScoped
public class MediaRepository implements PanacheRepositoryBase<Media, String> {

  /** The media object, or null when it does not exist or belongs to another tenant. */
  public Uni<Media> findOwned(String tenantId, String id) {
    return find("id = ?1 and tenantId = ?2", id, tenantId).firstResult();
  }
}
