package dev.kiln.api.admin;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * An admin request without a body and without {@code Content-Type} ({@code curl -X POST}) is read
 * as an empty JSON body: creating a key needs none, and the others answer 422 naming what is
 * missing, instead of 415 for a body that was never sent. A body without a type stays a 415.
 */
public class EmptyBodyFilter {

  @ServerRequestFilter(preMatching = true)
  public void emptyBodyIsJson(ContainerRequestContext request) {
    if (AdminPaths.isAdmin(request.getUriInfo().getPath())
        && request.getLength() <= 0
        && request.getHeaderString("Transfer-Encoding") == null) {
      request.getHeaders().putSingle(HttpHeaders.CONTENT_TYPE, MediaType.APPLICATION_JSON);
    }
  }
}
