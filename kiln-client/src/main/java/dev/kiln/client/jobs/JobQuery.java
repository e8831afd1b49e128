package dev.kiln.client.jobs;

import dev.kiln.client.http.Query;
import java.time.Instant;
import java.util.List;

/**
 * The filters of a job listing; each optional.
 *
 * @param statuses any of these statuses
 * @param preset jobs of this preset
 * @param createdAfter created at or after this instant
 * @param createdBefore created before this instant
 * @param limit jobs per page, 1 to 100 (Kiln's default: 20)
 */
public record JobQuery(
    List<String> statuses,
    String preset,
    Instant createdAfter,
    Instant createdBefore,
    Integer limit) {

  /** Every job, 20 a page. */
  public static final JobQuery ALL = new JobQuery(null, null, null, null, null);

  public JobQuery withStatus(String... statuses) {
    return new JobQuery(List.of(statuses), preset, createdAfter, createdBefore, limit);
  }

  public JobQuery withPreset(String preset) {
    return new JobQuery(statuses, preset, createdAfter, createdBefore, limit);
  }

  public JobQuery createdAfter(Instant after) {
    return new JobQuery(statuses, preset, after, createdBefore, limit);
  }

  public JobQuery createdBefore(Instant before) {
    return new JobQuery(statuses, preset, createdAfter, before, limit);
  }

  public JobQuery withLimit(int limit) {
    return new JobQuery(statuses, preset, createdAfter, createdBefore, limit);
  }

  /** The query string of the page at {@code cursor} (null: the first). */
  Query toQuery(String cursor) {
    return new Query()
        .add("status", statuses == null || statuses.isEmpty() ? null : String.join(",", statuses))
        .add("preset", preset)
        .add("created_after", createdAfter)
        .add("created_before", createdBefore)
        .add("limit", limit)
        .add("cursor", cursor);
  }
}
