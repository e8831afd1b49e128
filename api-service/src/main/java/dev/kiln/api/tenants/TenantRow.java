package dev.kiln.api.tenants;

import dev.kiln.api.db.RowValues;
import io.vertx.mutiny.sqlclient.Row;
import java.time.Instant;

/** A row of {@code tenants}: the limits are null when the configured defaults apply. */
record TenantRow(
    String id, String name, Instant createdAt, Integer ratePerSecond, Integer rateBurst) {

  static final String COLUMNS = "id, name, created_at, rate_limit_per_second, rate_limit_burst";

  static TenantRow of(Row row) {
    return new TenantRow(
        row.getString("id"),
        row.getString("name"),
        RowValues.instant(row, "created_at"),
        row.getInteger("rate_limit_per_second"),
        row.getInteger("rate_limit_burst"));
  }
}
