package dev.kiln.api.tenants;

import dev.kiln.api.problems.ApiException;
import dev.kiln.api.problems.ProblemCode;
import dev.kiln.api.tracing.Diagnostics;
import jakarta.enterprise.context.RequestScoped;
import java.util.Optional;

/** The tenant the current request is authenticated as (set by {@link ApiKeyFilter}). */
@RequestScoped
public class CurrentTenant {

  private Credential credential;

  void set(Credential authenticated) {
    this.credential = authenticated;
    Diagnostics.tenant(authenticated.tenantId());
  }

  /**
   * Refuses a stream the request's stream token does not open (403).
   *
   * @param jobId the job of a job stream; null for the tenant stream
   */
  public void requireStreamOf(String jobId) {
    if (credential != null) {
      credential.requireStreamOf(jobId);
    }
  }

  public String id() {
    if (credential == null) {
      throw new ApiException(ProblemCode.UNAUTHORIZED, "No API key was presented");
    }
    return credential.tenantId();
  }

  /** The key the request was authenticated with; empty outside tenant requests. */
  public Optional<AuthenticatedKey> key() {
    return Optional.ofNullable(credential).map(Credential::key);
  }
}
