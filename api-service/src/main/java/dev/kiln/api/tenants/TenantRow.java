package dev.kiln.api.tenants;

import dev.kiln.api.db.RowValues;
import io.vertx.mutiny.sqlclient.Row;
import java.time.Instant;

/** A row of {@code tenants}: the limits are null when the configured defaults apply. */
record TenantRow(
    String id,
    String name,
    Instant createdAt,
    Integer ratePerSecond,
    Integer rateBurst,
    int maxQueuedJobs,
    Long creditBalance) {

  /** The columns, and the available credits: the stored balance and the unsettled refunds. */
  static final String COLUMNS =
      "id, name, created_at, rate_limit_per_second, rate_limit_burst, max_queued_jobs,"
          + " credit_balance + coalesce((select sum(l.amount) from credit_ledger l"
          + " where l.tenant_id = tenants.id and not l.settled), 0) as credits";

  static TenantRow of(Row row) {
    return new TenantRow(
        row.getString("id"),
        row.getString("name"),
        RowValues.instant(row, "created_at"),
        row.getInteger("rate_limit_per_second"),
        row.getInteger("rate_limit_burst"),
        row.getInteger("max_queued_jobs"),
        row.getLong("credits"));
  }
}
