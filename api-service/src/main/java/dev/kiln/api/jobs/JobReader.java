package dev.kiln.api.jobs;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.kiln.api.db.RowValues;
import dev.kiln.api.media.MediaRow;
import dev.kiln.api.paging.PageRequest;
import dev.kiln.api.problems.ApiException;
import dev.kiln.api.problems.ProblemCode;
import dev.kiln.model.jobs.JobInput;
import dev.kiln.model.json.KilnJson;
import dev.kiln.model.pipeline.Step;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads jobs with their result media, one prepared statement each, into plain detached {@link Job}
 * objects for the mapper: single jobs, batches by id (which clients poll) and filtered pages.
 */
@ApplicationScoped
public class JobReader {

  private static final ObjectMapper JSON = KilnJson.mapper();
  private static final TypeReference<List<Step>> STEPS = new TypeReference<>() {};

  private static final String SELECT =
      "select j.id, j.tenant_id, j.status, j.preset, j.priority, j.metadata, j.attempt,"
          + " j.last_seq, j.event_seq, j.progress_percentage, j.progress_step, j.progress_message,"
          + " j.error_code, j.error_message, j.error_retryable, j.credits, j.credits_metered,"
          + " j.kind, j.rerun_of, j.dispatched_at,"
          + " j.created_at, j.started_at, j.completed_at, j.updated_at, "
          + MediaRow.COLUMNS
          + " from jobs j left join media m on m.id = j.result_media_id ";

  private static final String OWNED_BY_IDS = SELECT + "where j.tenant_id = $1 and j.id = any($2)";

  /** A page, newest first; each filter applies when given (the plan uses jobs_tenant_id). */
  private static final String LIST =
      SELECT
          + """
          where j.tenant_id = $1
            and ($2::text[] is null or j.status = any($2))
            and ($3::text is null or j.preset = $3)
            and ($4::timestamptz is null or j.created_at >= $4)
            and ($5::timestamptz is null or j.created_at < $5)
            and ($6::text is null or j.id < $6)
          order by j.id desc limit $7
          """;

  /** What a re-run copies. */
  private static final String SPEC =
      """
      select input, pipeline, preset, metadata, priority, webhook_url, webhook_events,
             ceil(extract(epoch from deadline - created_at))::int as deadline_seconds
      from jobs where tenant_id = $1 and id = $2
      """;

  /**
   * Where queued jobs stand: a waiting job's rank in its tenant's lanes (its jobs dispatched before
   * it), a handed-over job's rank among the handed-over ones.
   */
  private static final String RANKS =
      """
      select j.id, j.dispatched_at is null as waiting,
        case when j.dispatched_at is null then
          (select count(*) from jobs w
           where w.tenant_id = j.tenant_id and w.status = 'queued' and w.dispatched_at is null
             and (w.priority > j.priority or (w.priority = j.priority and w.id < j.id)))
        else
          (select count(*) from jobs d
           where d.status = 'queued' and d.dispatched_at is not null
             and d.dispatched_at < j.dispatched_at)
        end as ahead
      from jobs j where j.id = any($1) and j.status = 'queued'
      """;

  private final Pool pool;

  public JobReader(Pool pool) {
    this.pool = pool;
  }

  /** The tenant's jobs among {@code ids}, in no particular order. */
  public Uni<List<Job>> findOwned(String tenantId, List<String> ids) {
    return pool.preparedQuery(OWNED_BY_IDS)
        .execute(Tuple.of(tenantId, ids.toArray(String[]::new)))
        .map(JobReader::jobs);
  }

  /** A page of the tenant's jobs matching {@code filter}, newest first (one extra: see Page). */
  public Uni<List<Job>> list(String tenantId, JobFilter filter, PageRequest page) {
    return pool.preparedQuery(LIST)
        .execute(
            Tuple.from(
                Arrays.asList(
                    tenantId,
                    filter.statuses() == null ? null : filter.statuses().toArray(String[]::new),
                    filter.preset(),
                    filter.createdAfter() == null
                        ? null
                        : filter.createdAfter().atOffset(ZoneOffset.UTC),
                    filter.createdBefore() == null
                        ? null
                        : filter.createdBefore().atOffset(ZoneOffset.UTC),
                    page.cursor(),
                    page.fetch())))
        .map(JobReader::jobs);
  }

  /** What the tenant's job {@code id} does, to run it again; null when there is no such job. */
  public Uni<JobSpec> findSpec(String tenantId, String id) {
    return pool.preparedQuery(SPEC)
        .execute(Tuple.of(tenantId, id))
        .map(rows -> rows.size() == 0 ? null : spec(rows.iterator().next()));
  }

  /**
   * For each queued job among {@code ids}: how many jobs are ahead of it in its own lanes (when
   * waiting) or among the jobs handed to the workers (when handed over).
   */
  public Uni<Map<String, Rank>> ranks(List<String> ids) {
    if (ids.isEmpty()) {
      return Uni.createFrom().item(Map.of());
    }
    return pool.preparedQuery(RANKS)
        .execute(Tuple.of(ids.toArray(String[]::new)))
        .map(
            rows -> {
              Map<String, Rank> ranks = new HashMap<>();
              rows.forEach(
                  row ->
                      ranks.put(
                          row.getString("id"),
                          new Rank(row.getBoolean("waiting"), row.getLong("ahead"))));
              return ranks;
            });
  }

  /**
   * A queued job's place.
   *
   * @param waiting whether it still waits in its lane (else it was handed to the workers)
   * @param ahead jobs before it: its tenant's, in its lanes; or handed over earlier
   */
  public record Rank(boolean waiting, long ahead) {}

  private static List<Job> jobs(RowSet<Row> rows) {
    List<Job> jobs = new ArrayList<>(rows.size());
    rows.forEach(row -> jobs.add(job(row)));
    return jobs;
  }

  private static JobSpec spec(Row row) {
    try {
      String[] events = row.getArrayOfStrings("webhook_events");
      return new JobSpec(
          JSON.readValue(row.getString("input"), JobInput.class),
          JSON.readValue(row.getString("pipeline"), STEPS),
          row.getString("preset"),
          row.getString("metadata"),
          JobPriority.ofStored(row.getInteger("priority")),
          row.getInteger("deadline_seconds"),
          row.getString("webhook_url"),
          events);
    } catch (IOException e) {
      // Pipelines stored before re-runs existed lack their ops.
      throw new ApiException(
          ProblemCode.CONFLICT, "This job was stored by an older version and cannot be re-run");
    }
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
    job.credits = row.getInteger("credits");
    job.creditsMetered = row.getBoolean("credits_metered");
    job.kind = row.getString("kind");
    job.rerunOf = row.getString("rerun_of");
    job.dispatchedAt = RowValues.instant(row, "dispatched_at");
    job.createdAt = RowValues.instant(row, "created_at");
    job.startedAt = RowValues.instant(row, "started_at");
    job.completedAt = RowValues.instant(row, "completed_at");
    job.updatedAt = RowValues.instant(row, "updated_at");
    job.result = MediaRow.of(row, job.tenantId);
    return job;
  }
}
