package dev.kiln.api.live;

import dev.kiln.api.events.EventType;
import java.util.Set;

/**
 * What one stream shows: one job of a tenant, or the tenant's jobs, optionally only some types of
 * events and some jobs.
 *
 * @param jobId the job of a job stream; null for a tenant stream
 * @param types the event types shown; null for all
 * @param jobIds the jobs a tenant stream shows; null for all
 */
public record StreamScope(String tenantId, String jobId, Set<EventType> types, Set<String> jobIds) {

  public static StreamScope job(String tenantId, String jobId) {
    return new StreamScope(tenantId, jobId, null, null);
  }

  public static StreamScope tenant(String tenantId, Set<EventType> types, Set<String> jobIds) {
    return new StreamScope(tenantId, null, types, jobIds);
  }

  public boolean isJob() {
    return jobId != null;
  }

  boolean accepts(LiveEvent event) {
    return event.tenantId().equals(tenantId)
        && (jobId == null || jobId.equals(event.jobId()))
        && (types == null || types.contains(event.type()))
        && (jobIds == null || jobIds.contains(event.jobId()));
  }
}
