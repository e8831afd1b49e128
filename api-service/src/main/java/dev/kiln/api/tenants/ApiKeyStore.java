package dev.kiln.api.tenants;

import dev.kiln.api.db.RowValues;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/** The one owner of {@code api_keys}: keys are found by their hash, never by the key itself. */
@ApplicationScoped
public class ApiKeyStore {

  private static final String COLUMNS = ApiKeyRow.COLUMNS;
  private static final String AUTHENTICATE =
      """
      select k.id, k.key_hash, k.tenant_id, t.rate_limit_per_second, t.rate_limit_burst
      from api_keys k join tenants t on t.id = k.tenant_id
      where k.key_hash = $1 and k.revoked_at is null
      """;
  private static final String AUTHENTICATE_ID =
      """
      select k.id, k.key_hash, k.tenant_id, t.rate_limit_per_second, t.rate_limit_burst
      from api_keys k join tenants t on t.id = k.tenant_id
      where k.id = $1 and k.revoked_at is null
      """;
  private static final String INSERT =
      "insert into api_keys (id, tenant_id, key_hash, key_prefix, name)"
          + " select $1, id, $3, $4, $5 from tenants where id = $2 returning "
          + COLUMNS;
  private static final String LIST =
      "select "
          + COLUMNS
          + " from api_keys where tenant_id = $1 and ($2::text is null or id < $2)"
          + " order by id desc limit $3";
  private static final String REVOKE =
      "update api_keys set revoked_at = coalesce(revoked_at, now())"
          + " where id = $1 and tenant_id = $2 returning "
          + COLUMNS;
  private static final String TOUCH = "update api_keys set last_used_at = now() where id = any($1)";

  private final Pool pool;

  public ApiKeyStore(Pool pool) {
    this.pool = pool;
  }

  /** The active key with this hash, with its tenant's rate limit. */
  Uni<Optional<AuthenticatedKey>> authenticate(String keyHash) {
    return pool.preparedQuery(AUTHENTICATE)
        .execute(Tuple.of(keyHash))
        .map(rows -> Optional.ofNullable(RowValues.first(rows, ApiKeyStore::authenticated)));
  }

  /** The active key with this id (a stream token's key), or empty when revoked. */
  Uni<Optional<AuthenticatedKey>> authenticateId(String keyId) {
    return pool.preparedQuery(AUTHENTICATE_ID)
        .execute(Tuple.of(keyId))
        .map(rows -> Optional.ofNullable(RowValues.first(rows, ApiKeyStore::authenticated)));
  }

  /** A new key of the tenant; null when the tenant does not exist. */
  Uni<ApiKeyRow> insert(String id, String tenantId, String keyHash, String prefix, String name) {
    return pool.preparedQuery(INSERT)
        .execute(Tuple.of(id, tenantId, keyHash, prefix, name))
        .map(rows -> RowValues.first(rows, ApiKeyRow::of));
  }

  /** Up to {@code limit} keys of the tenant older than {@code before} (null: from the newest). */
  Uni<List<ApiKeyRow>> list(String tenantId, String before, int limit) {
    return pool.preparedQuery(LIST)
        .execute(Tuple.of(tenantId, before, limit))
        .map(rows -> RowValues.all(rows, ApiKeyRow::of));
  }

  /** Revokes the key (again: no change); null when it is not the tenant's. */
  Uni<ApiKeyRow> revoke(String tenantId, String keyId) {
    return pool.preparedQuery(REVOKE)
        .execute(Tuple.of(keyId, tenantId))
        .map(rows -> RowValues.first(rows, ApiKeyRow::of));
  }

  /** Records that these keys were used now. */
  Uni<Void> touch(Collection<String> keyIds) {
    return pool.preparedQuery(TOUCH)
        .execute(Tuple.of(keyIds.toArray(String[]::new)))
        .replaceWithVoid();
  }

  private static AuthenticatedKey authenticated(Row row) {
    return new AuthenticatedKey(
        row.getString("id"),
        row.getString("key_hash"),
        row.getString("tenant_id"),
        row.getInteger("rate_limit_per_second"),
        row.getInteger("rate_limit_burst"));
  }
}
