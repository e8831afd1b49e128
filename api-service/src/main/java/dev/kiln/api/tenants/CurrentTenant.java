package dev.kiln.api.tenants;

import dev.kiln.api.problems.ApiException;
import dev.kiln.api.problems.ProblemCode;
import jakarta.enterprise.context.RequestScoped;

/** The tenant the current request is authenticated as (set by {@link ApiKeyFilter}). */
@RequestScoped
public class CurrentTenant {

  private String id;

  void set(String tenantId) {
    this.id = tenantId;
  }

  public String id() {
    if (id == null) {
      throw new ApiException(ProblemCode.UNAUTHORIZED, "No API key was presented");
    }
    return id;
  }
}
