package dev.kiln.api.events;

import dev.kiln.api.db.RowValues;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.sqlclient.Row;
import java.time.Instant;

/**
 * One row of the event record ({@code events}): a change of a job, or a webhook test. Written only
 * by the database (the {@code jobs_record_events} trigger) and by {@code webhook.test}.
 *
 * @param seq increasing within a tenant (one sequence for all); a stream's resume position
 * @param id the event's stable id: a webhook's {@code webhook-id} on every attempt
 * @param jobId null for {@link EventType#WEBHOOK_TEST}
 * @param data the job's state as of the change ({@link JobSnapshot}), or the test's payload
 */
public record EventRecord(
    long seq,
    String id,
    String tenantId,
    String jobId,
    EventType type,
    Integer attempt,
    JsonObject data,
    Instant createdAt) {

  /** The columns {@link #of} reads, from table alias {@code ev}. */
  public static final String COLUMNS =
      "ev.seq as ev_seq, ev.id as ev_id, ev.tenant_id as ev_tenant_id, ev.job_id as ev_job_id,"
          + " ev.type as ev_type, ev.attempt as ev_attempt, ev.data as ev_data,"
          + " ev.created_at as ev_created_at";

  public static EventRecord of(Row row) {
    return new EventRecord(
        row.getLong("ev_seq"),
        row.getString("ev_id"),
        row.getString("ev_tenant_id"),
        row.getString("ev_job_id"),
        EventType.ofWire(row.getString("ev_type")).orElseThrow(),
        row.getInteger("ev_attempt"),
        (JsonObject) row.getValue("ev_data"),
        RowValues.instant(row, "ev_created_at"));
  }
}
