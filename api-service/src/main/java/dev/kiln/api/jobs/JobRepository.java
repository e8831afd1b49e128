package dev.kiln.api.jobs;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

/** Jobs, always scoped to their tenant; results are fetched with the job. */
@ApplicationScoped
public class JobRepository implements PanacheRepositoryBase<Job, String> {

  /** The job with its result media, or null when missing or another tenant's. */
  public Uni<Job> findOwned(String tenantId, String id) {
    return find(
            "from Job j left join fetch j.result where j.id = ?1 and j.tenantId = ?2", id, tenantId)
        .firstResult();
  }
}
