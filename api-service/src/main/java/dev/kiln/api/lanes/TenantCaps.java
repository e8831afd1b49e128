package dev.kiln.api.lanes;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Tenants' queue caps, read at most every {@link #MAX_AGE} per tenant: a changed limit applies
 * within seconds, and submits do not read the tenant's row each time.
 */
@ApplicationScoped
public class TenantCaps {

  static final Duration MAX_AGE = Duration.ofSeconds(5);

  private static final String CAP = "select max_queued_jobs from tenants where id = $1";

  private record Cap(long value, Instant readAt) {}

  private final Pool pool;
  private final ConcurrentHashMap<String, Cap> caps = new ConcurrentHashMap<>();

  public TenantCaps(Pool pool) {
    this.pool = pool;
  }

  /** The tenant's cap on queued jobs. */
  public Uni<Long> of(String tenantId) {
    Cap cap = caps.get(tenantId);
    if (cap != null && cap.readAt().plus(MAX_AGE).isAfter(Instant.now())) {
      return Uni.createFrom().item(cap.value());
    }
    return pool.preparedQuery(CAP)
        .execute(Tuple.of(tenantId))
        .map(
            rows -> {
              long value =
                  rows.size() == 0
                      ? Long.MAX_VALUE
                      : rows.iterator().next().getInteger("max_queued_jobs").longValue();
              caps.put(tenantId, new Cap(value, Instant.now()));
              return value;
            });
  }

  /** Forgets a tenant's cap (its limits changed here). */
  public void forget(String tenantId) {
    caps.remove(tenantId);
  }
}
