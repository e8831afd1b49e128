package dev.kiln.api.tenants;

import dev.kiln.api.db.RowValues;
import io.vertx.mutiny.sqlclient.Row;
import java.time.Instant;

/** A row of {@code api_keys} (the hash stays inside the store and the caches). */
record ApiKeyRow(
    String id,
    String tenantId,
    String keyHash,
    String name,
    String prefix,
    Instant createdAt,
    Instant lastUsedAt,
    Instant revokedAt) {

  static final String COLUMNS =
      "id, tenant_id, key_hash, name, key_prefix, created_at, last_used_at, revoked_at";

  static ApiKeyRow of(Row row) {
    return new ApiKeyRow(
        row.getString("id"),
        row.getString("tenant_id"),
        row.getString("key_hash"),
        row.getString("name"),
        row.getString("key_prefix"),
        RowValues.instant(row, "created_at"),
        RowValues.instant(row, "last_used_at"),
        RowValues.instant(row, "revoked_at"));
  }
}
