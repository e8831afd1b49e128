package dev.kiln.api.live.tokens;

import dev.kiln.api.jobs.JobService;
import dev.kiln.api.problems.ApiException;
import dev.kiln.api.tenants.AuthenticatedKey;
import dev.kiln.api.tenants.CurrentTenant;
import dev.kiln.model.ids.Ids;
import dev.kiln.model.validation.Violations;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import java.time.Instant;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.jboss.resteasy.reactive.RestResponse;

/** {@code POST /v1/stream-tokens}: a short-lived token a browser may put in a stream's URL. */
@Path("/v1/stream-tokens")
public class StreamTokenResource {

  static final int DEFAULT_TTL_SECONDS = 300;
  static final int MAX_TTL_SECONDS = 3600;

  private final StreamTokens tokens;
  private final JobService jobs;
  private final CurrentTenant tenant;

  public StreamTokenResource(StreamTokens tokens, JobService jobs, CurrentTenant tenant) {
    this.tokens = tokens;
    this.jobs = jobs;
    this.tenant = tenant;
  }

  @POST
  @Operation(
      summary =
          "Create a stream token (for one job, or every stream of the account; 5 minutes by"
              + " default) to open a stream with ?access_token= where no header can be sent")
  public Uni<RestResponse<StreamTokenView>> create(StreamTokenRequest request) {
    String jobId = request == null ? null : request.jobId();
    Integer ttl = request == null ? null : request.ttlSeconds();
    Violations violations = new Violations();
    violations.range(ttl, 1, MAX_TTL_SECONDS, "ttl_seconds");
    if (jobId != null && !Ids.isValid(Ids.JOB, jobId)) {
      violations.add("job_id", "a job id (job_...)");
    }
    if (!violations.isEmpty()) {
      throw ApiException.invalid(violations.list());
    }
    AuthenticatedKey key = tenant.key().orElseThrow();
    Uni<Void> jobOfTenant =
        jobId == null
            ? Uni.createFrom().voidItem()
            : jobs.findAll(key.tenantId(), List.of(jobId))
                .invoke(
                    found -> {
                      if (found.isEmpty()) {
                        throw ApiException.invalid("job_id", "the account has no such job");
                      }
                    })
                .replaceWithVoid();
    Instant expiresAt = Instant.now().plusSeconds(ttl == null ? DEFAULT_TTL_SECONDS : ttl);
    return jobOfTenant.map(
        ignored -> {
          String token =
              tokens.issue(new StreamToken(key.tenantId(), key.keyId(), jobId, expiresAt));
          return RestResponse.status(
              RestResponse.Status.CREATED,
              new StreamTokenView("stream_token", token, jobId, expiresAt));
        });
  }
}
