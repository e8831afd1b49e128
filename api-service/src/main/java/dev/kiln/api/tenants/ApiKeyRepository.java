package dev.kiln.api.tenants;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Optional;

/** Finds the tenant behind an API key. */
@ApplicationScoped
public class ApiKeyRepository implements PanacheRepositoryBase<ApiKey, String> {

  /** The tenant id of an active key with this hash. */
  @WithSession
  public Uni<Optional<String>> tenantOf(String keyHash) {
    return find("keyHash = ?1 and revokedAt is null", keyHash)
        .firstResult()
        .map(key -> Optional.ofNullable(key).map(k -> k.tenantId));
  }
}
