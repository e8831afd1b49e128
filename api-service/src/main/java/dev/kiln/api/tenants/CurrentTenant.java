package dev.kiln.api.tenants;

import dev.kiln.api.problems.ApiException;
import dev.kiln.api.problems.ProblemCode;
import jakarta.enterprise.context.RequestScoped;
import java.util.Optional;

/** The tenant the current request is authenticated as (set by {@link ApiKeyFilter}). */
@RequestScoped
public class CurrentTenant {

  private AuthenticatedKey key;

  void set(AuthenticatedKey authenticated) {
    this.key = authenticated;
  }

  public String id() {
    if (key == null) {
      throw new ApiException(ProblemCode.UNAUTHORIZED, "No API key was presented");
    }
    return key.tenantId();
  }

  /** The key the request was authenticated with; empty outside tenant requests. */
  public Optional<AuthenticatedKey> key() {
    return Optional.ofNullable(key);
  }
}
