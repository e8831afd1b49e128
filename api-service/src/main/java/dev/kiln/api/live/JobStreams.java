package dev.kiln.api.live;

import dev.kiln.api.jobs.Job;
import dev.kiln.api.jobs.JobService;
import io.smallrye.mutiny.Multi;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Live job streams: a job until it is terminal, or every change of a tenant's jobs. Call from a
 * request (the stream re-reads on the request's Vert.x context).
 */
@ApplicationScoped
public class JobStreams {

  private final JobService jobs;
  private final JobChangeHub hub;

  public JobStreams(JobService jobs, JobChangeHub hub) {
    this.jobs = jobs;
    this.hub = hub;
  }

  /**
   * The job now, then each newer state, completing after a terminal one. Follows before the first
   * read, so no change is missed between the two.
   */
  public Multi<Job> job(String tenantId, String jobId) {
    Context context = Vertx.currentContext();
    return Multi.createFrom()
        .emitter(
            emitter -> {
              FollowedJob followed = new FollowedJob(jobs, tenantId, jobId, context, emitter);
              JobChangeHub.Registration registration = hub.followJob(jobId, followed);
              emitter.onTermination(registration::cancel);
              context.runOnContext(ignored -> followed.read());
            });
  }

  /** Every job of the tenant that changes from now on, as it is after the change. */
  public Multi<Job> tenant(String tenantId) {
    Context context = Vertx.currentContext();
    return Multi.createFrom()
        .emitter(
            emitter -> {
              JobChangeHub.Registration registration =
                  hub.followTenant(tenantId, new FollowedTenant(jobs, tenantId, context, emitter));
              emitter.onTermination(registration::cancel);
            });
  }
}
