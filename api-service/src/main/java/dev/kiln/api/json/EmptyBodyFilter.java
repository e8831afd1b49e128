package dev.kiln.api.json;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * A request without a body ({@code curl -X POST .../rerun}; some clients still send a {@code
 * Content-Type} then) is read as an empty JSON body: endpoints whose body is optional take it as
 * absent, the others answer 422 naming what is missing, instead of 415 for a body that was never
 * sent. Uploads keep their own rules, and a body of another type stays a 415.
 */
public class EmptyBodyFilter {

  @ServerRequestFilter(preMatching = true)
  public void emptyBodyIsJson(ContainerRequestContext request) {
    if (request.getLength() <= 0
        && request.getHeaderString("Transfer-Encoding") == null
        && !request.getUriInfo().getPath().startsWith("/v1/media")) {
      request.getHeaders().putSingle(HttpHeaders.CONTENT_TYPE, MediaType.APPLICATION_JSON);
    }
  }
}
