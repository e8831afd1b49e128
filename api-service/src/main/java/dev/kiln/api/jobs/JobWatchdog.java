package dev.kiln.api.jobs;

import dev.kiln.api.config.JobsConfig;
import dev.kiln.api.lanes.JobDispatcher;
import io.quarkus.logging.Log;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Keeps the promise that every accepted job ends: a job processing with no event for {@code
 * kiln.jobs.stall-timeout} goes back to its lane as a new attempt (older attempts' events are then
 * ignored) until {@code max-attempts}, then failed with {@code stalled}; a job past its deadline is
 * expired. Replicas share the work through {@code FOR UPDATE SKIP LOCKED}.
 */
@ApplicationScoped
public class JobWatchdog {

  private final JobTransitions transitions;
  private final JobsConfig config;
  private final JobDispatcher dispatcher;
  private final JobMeters meters;

  public JobWatchdog(
      JobTransitions transitions, JobsConfig config, JobDispatcher dispatcher, JobMeters meters) {
    this.transitions = transitions;
    this.config = config;
    this.dispatcher = dispatcher;
    this.meters = meters;
  }

  @Scheduled(
      every = "${kiln.jobs.stall-check-interval:15s}",
      delayed = "5s",
      concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
      skipExecutionIf = Scheduled.ApplicationNotRunning.class)
  Uni<Void> check() {
    return transitions
        .expireOverdue()
        .invoke(
            expired ->
                expired.forEach(
                    row -> {
                      Log.infof("job %s expired", row.getString("id"));
                      meters.finished(row.getString("preset"), JobStatus.EXPIRED);
                    }))
        .chain(() -> transitions.retryStalled(config.stallTimeout(), config.maxAttempts()))
        .invoke(
            stalled -> {
              boolean requeued = false;
              for (var row : stalled) {
                if (row.getBoolean("requeued")) {
                  Log.infof(
                      "job %s stalled; re-queued as attempt %d",
                      row.getString("id"), row.getInteger("attempt"));
                  requeued = true;
                } else {
                  Log.infof(
                      "job %s stalled %d times; failed",
                      row.getString("id"), row.getInteger("attempt"));
                  meters.finished(row.getString("preset"), JobStatus.FAILED);
                }
              }
              if (requeued) {
                dispatcher.wake();
              }
            })
        .onFailure()
        .invoke(e -> Log.warnf("Job watchdog pass failed, next pass retries: %s", e.getMessage()))
        .onFailure()
        .recoverWithNull()
        .replaceWithVoid();
  }
}
