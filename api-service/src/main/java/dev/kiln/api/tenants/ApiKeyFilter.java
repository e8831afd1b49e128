package dev.kiln.api.tenants;

import dev.kiln.api.problems.ApiException;
import dev.kiln.api.problems.ProblemCode;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.HttpHeaders;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * Authenticates every {@code /v1} request by {@code Authorization: Bearer <key>} or {@code
 * X-API-Key: <key>}; a missing or unknown key is answered with 401 {@code unauthorized}.
 */
public class ApiKeyFilter {

  private static final String BEARER = "Bearer ";

  private final KeyAuthenticator keys;
  private final CurrentTenant currentTenant;

  public ApiKeyFilter(KeyAuthenticator keys, CurrentTenant currentTenant) {
    this.keys = keys;
    this.currentTenant = currentTenant;
  }

  @ServerRequestFilter(priority = Priorities.AUTHENTICATION)
  public Uni<Void> authenticate(ContainerRequestContext request) {
    if (!request.getUriInfo().getPath().startsWith("/v1/")) {
      return Uni.createFrom().voidItem();
    }
    String key = presentedKey(request);
    if (key == null) {
      return Uni.createFrom()
          .failure(
              new ApiException(
                  ProblemCode.UNAUTHORIZED,
                  "Send your API key as 'Authorization: Bearer <key>' or 'X-API-Key: <key>'"));
    }
    return keys.tenantOf(key)
        .map(
            tenant ->
                tenant.orElseThrow(
                    () -> new ApiException(ProblemCode.UNAUTHORIZED, "The API key is not valid")))
        .invoke(currentTenant::set)
        .replaceWithVoid();
  }

  private static String presentedKey(ContainerRequestContext request) {
    String authorization = request.getHeaderString(HttpHeaders.AUTHORIZATION);
    if (authorization != null && authorization.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
      return authorization.substring(BEARER.length()).trim();
    }
    String apiKey = request.getHeaderString("X-API-Key");
    return apiKey == null || apiKey.isBlank() ? null : apiKey.trim();
  }
}
