package dev.kiln.api.paging;

import dev.kiln.api.problems.ApiException;
import jakarta.ws.rs.container.ContainerRequestContext;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * Checks that {@code ?limit=} of a list is a whole number before the REST layer converts it: a
 * value it cannot convert ({@code abc}, more than an int holds) would otherwise be answered 404, as
 * if the list did not exist. The range is {@link PageRequest}'s to check.
 */
public class PageLimitFilter {

  @ServerRequestFilter
  public void check(ContainerRequestContext request) {
    if (!"GET".equals(request.getMethod())) {
      return;
    }
    for (String limit :
        request.getUriInfo().getQueryParameters().getOrDefault("limit", java.util.List.of())) {
      try {
        Integer.parseInt(limit);
      } catch (NumberFormatException e) {
        throw ApiException.invalid(
            "limit", "must be a whole number from 1 to " + PageRequest.MAX_LIMIT);
      }
    }
  }
}
