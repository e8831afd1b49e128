package dev.kiln.api.media;

import io.quarkus.hibernate.reactive.panache.PanacheQuery;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;

/** Media objects, always scoped to their tenant. */
@ApplicationScoped
public class MediaRepository implements PanacheRepositoryBase<Media, String> {

  /** The media object, or null when it does not exist or belongs to another tenant. */
  public Uni<Media> findOwned(String tenantId, String id) {
    return find("id = ?1 and tenantId = ?2", id, tenantId).firstResult();
  }

  /**
   * The tenant's uploads (not job results), newest first: ids sort by creation time.
   *
   * @param before the id the page starts after, or null for the first page
   */
  public Uni<List<Media>> uploads(String tenantId, String before, int limit) {
    Sort newestFirst = Sort.descending("id");
    PanacheQuery<Media> query =
        before == null
            ? find("tenantId = ?1 and sourceJobId is null", newestFirst, tenantId)
            : find(
                "tenantId = ?1 and sourceJobId is null and id < ?2", newestFirst, tenantId, before);
    return query.page(0, limit).list();
  }
}
