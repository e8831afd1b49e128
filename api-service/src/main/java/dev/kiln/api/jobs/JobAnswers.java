package dev.kiln.api.jobs;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.util.List;
import java.util.Map;

/** Job objects as answered: with their queue estimates, and a submit's 202. */
@ApplicationScoped
public class JobAnswers {

  /** Set on a submit answered with the job an earlier request with its key created. */
  public static final String REPLAYED = "Idempotent-Replayed";

  private final JobMapper mapper;
  private final JobEstimates estimates;

  public JobAnswers(JobMapper mapper, JobEstimates estimates) {
    this.mapper = mapper;
    this.estimates = estimates;
  }

  /**
   * 202 with the queued job and its {@code Location}; a replay answers the job as it is now, with
   * {@code Idempotent-Replayed: true}.
   */
  public Uni<Response> accepted(Uni<JobInserter.Accepted> submit) {
    return submit.chain(
        accepted ->
            (accepted.replayed()
                    ? estimates.of(accepted.job())
                    : estimates.ofAccepted(accepted.job()))
                .map(
                    estimate -> {
                      Response.ResponseBuilder response =
                          Response.accepted(mapper.toView(accepted.job(), estimate))
                              .location(URI.create("/v1/jobs/" + accepted.job().id));
                      if (accepted.replayed()) {
                        response.header(REPLAYED, "true");
                      }
                      return response.build();
                    }));
  }

  /** The job object with its estimate. */
  public Uni<JobView> view(Job job) {
    return estimates.of(job).map(estimate -> mapper.toView(job, estimate));
  }

  /** The job objects, in the order given, with their estimates. */
  public Uni<List<JobView>> views(List<Job> jobs) {
    return estimates
        .of(jobs)
        .map(byId -> jobs.stream().map(job -> mapper.toView(job, estimate(byId, job))).toList());
  }

  private static QueueEstimate estimate(Map<String, QueueEstimate> byId, Job job) {
    return byId.getOrDefault(job.id, QueueEstimate.NONE);
  }
}
