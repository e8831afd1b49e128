package dev.kiln.api.webhooks;

import dev.kiln.api.db.RowValues;
import dev.kiln.api.events.EventRecord;
import dev.kiln.api.media.Media;
import dev.kiln.api.media.MediaRow;
import io.vertx.mutiny.sqlclient.Row;
import java.time.Instant;

/**
 * A delivery claimed by this instance for one attempt, with everything the attempt needs: the
 * event, the target and its (encrypted) secrets, the result media of a completed job.
 *
 * @param attempt the number of this attempt (1 for the first)
 * @param maxAttempts the attempts it may have, null for the configured schedule's
 * @param endpointId null for a job's own URL (signed with the tenant's secret)
 * @param enabled false when the endpoint was disabled after the claim's event was recorded
 * @param secretOwner the id the secrets were encrypted for (endpoint or tenant)
 */
record ClaimedDelivery(
    String id,
    String tenantId,
    int attempt,
    Integer maxAttempts,
    String endpointId,
    String url,
    boolean enabled,
    boolean includeResult,
    String secretOwner,
    byte[] secret,
    byte[] previousSecret,
    Instant previousSecretExpiresAt,
    EventRecord event,
    Media result) {

  /** Where concurrency per target is counted: the endpoint, or the job's URL. */
  String target() {
    return endpointId != null ? endpointId : url;
  }

  static ClaimedDelivery of(Row row) {
    boolean endpoint = row.getString("endpoint_id") != null;
    return new ClaimedDelivery(
        row.getString("id"),
        row.getString("tenant_id"),
        row.getInteger("attempts"),
        row.getInteger("max_attempts"),
        row.getString("endpoint_id"),
        endpoint ? row.getString("endpoint_url") : row.getString("url"),
        !endpoint || Boolean.TRUE.equals(row.getBoolean("endpoint_enabled")),
        endpoint && Boolean.TRUE.equals(row.getBoolean("include_result")),
        endpoint ? row.getString("endpoint_id") : row.getString("tenant_id"),
        bytes(row, endpoint ? "endpoint_secret" : "tenant_secret"),
        bytes(row, endpoint ? "endpoint_previous_secret" : "tenant_previous_secret"),
        RowValues.instant(row, endpoint ? "endpoint_previous_until" : "tenant_previous_until"),
        EventRecord.of(row),
        MediaRow.of(row, row.getString("tenant_id")));
  }

  private static byte[] bytes(Row row, String column) {
    var buffer = row.getBuffer(column);
    return buffer == null ? null : buffer.getBytes();
  }
}
