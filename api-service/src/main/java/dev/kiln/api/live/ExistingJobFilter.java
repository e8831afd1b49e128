package dev.kiln.api.live;

import dev.kiln.api.jobs.JobService;
import dev.kiln.api.tenants.CurrentTenant;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/** Answers 404 problem+json before an {@link ExistingJob} stream starts for an unknown job. */
public class ExistingJobFilter {

  private final JobService jobs;
  private final CurrentTenant tenant;

  public ExistingJobFilter(JobService jobs, CurrentTenant tenant) {
    this.jobs = jobs;
    this.tenant = tenant;
  }

  @ExistingJob
  @ServerRequestFilter(priority = Priorities.USER)
  public Uni<Void> requireJob(ContainerRequestContext request) {
    String id = request.getUriInfo().getPathParameters().getFirst("id");
    return jobs.find(tenant.id(), id).replaceWithVoid();
  }
}
