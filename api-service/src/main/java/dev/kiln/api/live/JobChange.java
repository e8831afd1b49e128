package dev.kiln.api.live;

import java.util.ArrayList;
import java.util.List;

/** A committed change of one job, as announced by PostgreSQL on {@link #CHANNEL}. */
public record JobChange(String jobId, String tenantId) {

  /** The notification channel written by the {@code jobs_changed} trigger. */
  public static final String CHANNEL = "kiln_job_changes";

  /** Parses a notification payload: {@code job_id:tenant_id} pairs separated by commas. */
  public static List<JobChange> parse(String payload) {
    List<JobChange> changes = new ArrayList<>();
    if (payload == null || payload.isBlank()) {
      return changes;
    }
    for (String pair : payload.split(",")) {
      int colon = pair.indexOf(':');
      if (colon > 0 && colon < pair.length() - 1) {
        changes.add(new JobChange(pair.substring(0, colon), pair.substring(colon + 1)));
      }
    }
    return changes;
  }
}
