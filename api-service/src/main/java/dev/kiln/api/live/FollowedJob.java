package dev.kiln.api.live;

import dev.kiln.api.jobs.Job;
import dev.kiln.api.jobs.JobService;
import io.smallrye.mutiny.subscription.MultiEmitter;
import io.vertx.core.Context;
import java.time.Instant;
import java.util.List;

/**
 * One live stream of one job: re-reads the job whenever it changed and emits it when it is newer
 * than what the stream last showed; completes after a terminal state. Re-reads run one at a time on
 * the stream's own Vert.x context (a change during a read triggers one more read), so the stream
 * never goes back in time.
 */
final class FollowedJob implements JobChangeHub.Follower {

  private final JobService jobs;
  private final String tenantId;
  private final String jobId;
  private final Context context;
  private final MultiEmitter<? super Job> emitter;
  private Instant shown;
  private boolean reading;
  private boolean changedWhileReading;

  FollowedJob(
      JobService jobs,
      String tenantId,
      String jobId,
      Context context,
      MultiEmitter<? super Job> emitter) {
    this.jobs = jobs;
    this.tenantId = tenantId;
    this.jobId = jobId;
    this.context = context;
    this.emitter = emitter;
  }

  @Override
  public void changed(List<String> jobIds) {
    context.runOnContext(ignored -> read());
  }

  /** Reads and emits the current state; call on the stream's context. */
  void read() {
    if (emitter.isCancelled()) {
      return;
    }
    if (reading) {
      changedWhileReading = true;
      return;
    }
    reading = true;
    changedWhileReading = false;
    jobs.find(tenantId, jobId)
        .subscribe()
        .with(
            job -> {
              reading = false;
              show(job);
              if (changedWhileReading && !emitter.isCancelled()) {
                read();
              }
            },
            failure -> {
              reading = false;
              emitter.fail(failure);
            });
  }

  private void show(Job job) {
    if (shown == null || job.updatedAt.isAfter(shown)) {
      shown = job.updatedAt;
      emitter.emit(job);
    }
    if (job.jobStatus().isTerminal()) {
      emitter.complete();
    }
  }
}
