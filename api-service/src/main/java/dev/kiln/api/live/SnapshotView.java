package dev.kiln.api.live;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.kiln.api.jobs.JobView;
import java.util.List;

/**
 * The data of a {@code snapshot} stream event: the state now, in place of events the record no
 * longer holds.
 *
 * @param reason {@code last_event_id_not_retained}: the client's Last-Event-ID is older than the
 *     event retention (or unknown); {@code history_not_retained}: a job stream from the start whose
 *     first events are gone
 * @param job a job stream's job
 * @param jobs a tenant stream's unfinished jobs, newest first
 * @param hasMore whether the tenant has more unfinished jobs than listed
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record SnapshotView(
    String object, String reason, JobView job, List<JobView> jobs, Boolean hasMore) {

  public static final String EXPIRED = "last_event_id_not_retained";
  public static final String NO_HISTORY = "history_not_retained";

  static SnapshotView ofJob(String reason, JobView job) {
    return new SnapshotView("snapshot", reason, job, null, null);
  }

  static SnapshotView ofTenant(String reason, List<JobView> jobs, boolean hasMore) {
    return new SnapshotView("snapshot", reason, null, jobs, hasMore);
  }
}
