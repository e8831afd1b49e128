package dev.kiln.api.tenants;

import dev.kiln.api.db.RowValues;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Arrays;
import java.util.List;

/** The one owner of {@code tenants} (and of the bootstrap tenant's creation with its key). */
@ApplicationScoped
public class TenantStore {

  private static final String COLUMNS = TenantRow.COLUMNS;
  private static final String INSERT =
      "insert into tenants (id, name) values ($1, $2) returning " + COLUMNS;
  private static final String FIND = "select " + COLUMNS + " from tenants where id = $1";
  private static final String LIST =
      "select "
          + COLUMNS
          + " from tenants where ($1::text is null or id < $1) order by id desc limit $2";

  /** Changes the limits given (null: unchanged). */
  private static final String UPDATE_LIMITS =
      """
      update tenants set
        rate_limit_per_second = coalesce($2, rate_limit_per_second),
        rate_limit_burst = coalesce($3, rate_limit_burst),
        max_queued_jobs = coalesce($4, max_queued_jobs)
      where id = $1
      returning\s"""
          + COLUMNS;

  /**
   * Serializes the bootstrap of instances that start together: without it, two could both see no
   * key and create two tenants.
   */
  private static final String BOOTSTRAP_LOCK =
      "select pg_advisory_xact_lock(hashtext('kiln.bootstrap-tenant'))";

  /** The bootstrap tenant and its key, unless the key exists; the tenant has no rate limit. */
  private static final String ENSURE_BOOTSTRAP =
      """
      with existing as (select tenant_id from api_keys where key_hash = $1),
           tenant as (insert into tenants (id, name, rate_limit_per_second) select $2, $3, 0
                      where not exists (select 1 from existing) returning id)
      insert into api_keys (id, tenant_id, key_hash, key_prefix, name)
      select $4, tenant.id, $1, $5, 'bootstrap' from tenant
      on conflict (key_hash) do nothing
      """;

  /**
   * A bootstrap tenant made before tenants had limits is unlimited too, unless the operator has set
   * its limits since.
   */
  private static final String UNLIMIT_BOOTSTRAP =
      """
      update tenants set rate_limit_per_second = 0
      where id = (select tenant_id from api_keys where key_hash = $1)
        and rate_limit_per_second is null and rate_limit_burst is null
      """;

  private final Pool pool;

  public TenantStore(Pool pool) {
    this.pool = pool;
  }

  Uni<TenantRow> insert(String id, String name) {
    return pool.preparedQuery(INSERT)
        .execute(Tuple.of(id, name))
        .map(rows -> RowValues.first(rows, TenantRow::of));
  }

  /** The tenant, or null. */
  Uni<TenantRow> find(String id) {
    return pool.preparedQuery(FIND)
        .execute(Tuple.of(id))
        .map(rows -> RowValues.first(rows, TenantRow::of));
  }

  /** Up to {@code limit} tenants older than {@code before} (null: from the newest). */
  Uni<List<TenantRow>> list(String before, int limit) {
    return pool.preparedQuery(LIST)
        .execute(Tuple.of(before, limit))
        .map(rows -> RowValues.all(rows, TenantRow::of));
  }

  /** The tenant with the given limits changed; null when it does not exist. */
  Uni<TenantRow> updateLimits(String id, TenantLimitsRequest change) {
    return pool.preparedQuery(UPDATE_LIMITS)
        .execute(
            Tuple.from(
                Arrays.asList(
                    id,
                    change.rateLimitPerSecond(),
                    change.rateLimitBurst(),
                    change.maxQueuedJobs())))
        .map(rows -> RowValues.first(rows, TenantRow::of));
  }

  /** Creates the bootstrap tenant with its key unless the key exists; true when created. */
  Uni<Boolean> ensureBootstrap(
      String keyHash, String tenantId, String tenantName, String keyId, String keyPrefix) {
    return pool.withTransaction(
        connection ->
            connection
                .query(BOOTSTRAP_LOCK)
                .execute()
                .chain(
                    () ->
                        connection
                            .preparedQuery(ENSURE_BOOTSTRAP)
                            .execute(Tuple.of(keyHash, tenantId, tenantName, keyId, keyPrefix)))
                .call(() -> connection.preparedQuery(UNLIMIT_BOOTSTRAP).execute(Tuple.of(keyHash)))
                .map(rows -> rows.rowCount() > 0));
  }
}
