package dev.kiln.api.jobs;

import dev.kiln.api.db.RowValues;
import dev.kiln.api.media.MediaRow;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads jobs with their result media in one SQL statement for the batch status endpoint, which
 * clients poll (the hot read path while SSE is missing). Through Hibernate the same read rebuilt
 * the query's SQL on every call (a list parameter defeats its plan cache) and hydrated managed
 * entities; here it is one prepared statement and plain, detached {@link Job} objects for the
 * mapper.
 */
@ApplicationScoped
public class JobReader {

  private static final String SELECT =
      "select j.id, j.tenant_id, j.status, j.preset, j.priority, j.metadata, j.attempt,"
          + " j.last_seq, j.event_seq, j.progress_percentage, j.progress_step, j.progress_message,"
          + " j.error_code, j.error_message, j.error_retryable,"
          + " j.created_at, j.started_at, j.completed_at, j.updated_at, "
          + MediaRow.COLUMNS
          + " from jobs j left join media m on m.id = j.result_media_id ";
  private static final String OWNED_BY_IDS = SELECT + "where j.tenant_id = $1 and j.id = any($2)";
  private static final String BY_IDEMPOTENCY_KEY =
      SELECT + "where j.tenant_id = $1 and j.idempotency_key = $2";

  private final Pool pool;

  public JobReader(Pool pool) {
    this.pool = pool;
  }

  /** The tenant's jobs among {@code ids}, in no particular order. */
  public Uni<List<Job>> findOwned(String tenantId, List<String> ids) {
    return pool.preparedQuery(OWNED_BY_IDS)
        .execute(Tuple.of(tenantId, ids.toArray(String[]::new)))
        .map(
            rows -> {
              List<Job> jobs = new ArrayList<>(rows.size());
              rows.forEach(row -> jobs.add(job(row)));
              return jobs;
            });
  }

  /** The tenant's job submitted with {@code key}, or null. */
  public Uni<Job> findByIdempotencyKey(String tenantId, String key) {
    return pool.preparedQuery(BY_IDEMPOTENCY_KEY)
        .execute(Tuple.of(tenantId, key))
        .map(rows -> rows.size() == 0 ? null : job(rows.iterator().next()));
  }

  private static Job job(Row row) {
    Job job = new Job();
    job.id = row.getString("id");
    job.tenantId = row.getString("tenant_id");
    job.status = row.getString("status");
    job.preset = row.getString("preset");
    job.priority = row.getInteger("priority");
    job.metadata = row.getString("metadata");
    job.attempt = row.getInteger("attempt");
    job.lastSeq = row.getInteger("last_seq");
    job.eventSeq = row.getLong("event_seq");
    job.progressPercentage = row.getInteger("progress_percentage");
    job.progressStep = row.getString("progress_step");
    job.progressMessage = row.getString("progress_message");
    job.errorCode = row.getString("error_code");
    job.errorMessage = row.getString("error_message");
    job.errorRetryable = row.getBoolean("error_retryable");
    job.createdAt = RowValues.instant(row, "created_at");
    job.startedAt = RowValues.instant(row, "started_at");
    job.completedAt = RowValues.instant(row, "completed_at");
    job.updatedAt = RowValues.instant(row, "updated_at");
    job.result = MediaRow.of(row, job.tenantId);
    return job;
  }
}
