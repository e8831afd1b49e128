package dev.kiln.api.live;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Who follows which job or tenant on this API instance, and the fan-out of job changes to them.
 * Followers are told which jobs changed, never how: they re-read the jobs, so what a live stream
 * shows is always what the database holds.
 */
@ApplicationScoped
public class JobChangeHub {

  /** Told about changes of what it follows; must return quickly (it runs on the listener). */
  @FunctionalInterface
  public interface Follower {
    void changed(List<String> jobIds);
  }

  /** Ends a follow. */
  @FunctionalInterface
  public interface Registration {
    void cancel();
  }

  private final Map<String, Set<Follower>> byJob = new ConcurrentHashMap<>();
  private final Map<String, Set<Follower>> byTenant = new ConcurrentHashMap<>();

  public Registration followJob(String jobId, Follower follower) {
    return add(byJob, jobId, follower);
  }

  public Registration followTenant(String tenantId, Follower follower) {
    return add(byTenant, tenantId, follower);
  }

  /** Tells the followers of each changed job and of its tenant. */
  public void publish(List<JobChange> changes) {
    Map<String, List<String>> jobsByTenant = new LinkedHashMap<>();
    for (JobChange change : changes) {
      Set<Follower> followers = byJob.get(change.jobId());
      if (followers != null) {
        followers.forEach(f -> f.changed(List.of(change.jobId())));
      }
      if (byTenant.containsKey(change.tenantId())) {
        jobsByTenant
            .computeIfAbsent(change.tenantId(), t -> new java.util.ArrayList<>())
            .add(change.jobId());
      }
    }
    jobsByTenant.forEach(
        (tenant, ids) -> {
          Set<Follower> followers = byTenant.get(tenant);
          if (followers != null) {
            followers.forEach(f -> f.changed(List.copyOf(ids)));
          }
        });
  }

  /**
   * After notifications may have been missed (the listener reconnected), every followed job is
   * re-read.
   */
  public void resync() {
    byJob.forEach((jobId, followers) -> followers.forEach(f -> f.changed(List.of(jobId))));
  }

  /** Number of live follows, for metrics and tests. */
  public int follows() {
    return byJob.values().stream().mapToInt(Set::size).sum()
        + byTenant.values().stream().mapToInt(Set::size).sum();
  }

  private static Registration add(Map<String, Set<Follower>> index, String key, Follower follower) {
    index.computeIfAbsent(key, k -> ConcurrentHashMap.newKeySet()).add(follower);
    return () ->
        index.computeIfPresent(
            key,
            (k, followers) -> {
              followers.remove(follower);
              return followers.isEmpty() ? null : followers;
            });
  }
}
