package dev.kiln.api.problems;

import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * Answers 404 to a path holding a control character (a NUL, say, as {@code %00}): no resource has
 * one in its name, and such an id must never reach a database query, which would refuse it with an
 * error instead of "not found".
 */
public class UnprintablePathFilter {

  @ServerRequestFilter(preMatching = true, priority = Priorities.AUTHENTICATION - 100)
  public Uni<Void> check(ContainerRequestContext request) {
    String path = request.getUriInfo().getPath();
    for (int i = 0; i < path.length(); i++) {
      if (Character.isISOControl(path.charAt(i))) {
        return Uni.createFrom()
            .failure(new ApiException(ProblemCode.NOT_FOUND, "No resource at this path"));
      }
    }
    return Uni.createFrom().voidItem();
  }
}
