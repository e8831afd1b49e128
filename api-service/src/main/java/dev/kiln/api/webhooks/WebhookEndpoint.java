package dev.kiln.api.webhooks;

import dev.kiln.api.db.RowValues;
import io.vertx.mutiny.sqlclient.Row;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;

/** A tenant's webhook endpoint, as stored (its secrets stay encrypted in the row). */
public record WebhookEndpoint(
    String id,
    String tenantId,
    String url,
    String description,
    List<String> events,
    boolean enabled,
    String disabledReason,
    boolean includeResult,
    Instant createdAt,
    Instant updatedAt) {

  /** The columns {@link #of} reads. */
  static final String COLUMNS =
      "id, tenant_id, url, description, events, enabled, disabled_reason, include_result,"
          + " created_at, updated_at";

  static WebhookEndpoint of(Row row) {
    return new WebhookEndpoint(
        row.getString("id"),
        row.getString("tenant_id"),
        row.getString("url"),
        row.getString("description"),
        Arrays.asList(row.getArrayOfStrings("events")),
        row.getBoolean("enabled"),
        row.getString("disabled_reason"),
        row.getBoolean("include_result"),
        RowValues.instant(row, "created_at"),
        RowValues.instant(row, "updated_at"));
  }
}
