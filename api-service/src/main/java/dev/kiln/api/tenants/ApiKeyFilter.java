package dev.kiln.api.tenants;

import dev.kiln.api.admin.AdminPaths;
import dev.kiln.api.live.StreamPaths;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.HttpHeaders;
import java.util.function.UnaryOperator;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * Authenticates every {@code /v1} request but the admin API's by {@code Authorization: Bearer
 * <key>} or {@code X-API-Key: <key>}; a missing, unknown or revoked key is answered with 401 {@code
 * unauthorized}. Event streams also take a stream token, in the same headers or as {@code
 * ?access_token=}; an API key is never accepted in a URL.
 */
public class ApiKeyFilter {

  private static final String BEARER = "Bearer ";
  private static final String ACCESS_TOKEN = "access_token";

  private final Credentials credentials;
  private final CurrentTenant currentTenant;

  public ApiKeyFilter(Credentials credentials, CurrentTenant currentTenant) {
    this.credentials = credentials;
    this.currentTenant = currentTenant;
  }

  @ServerRequestFilter(priority = Priorities.AUTHENTICATION)
  public Uni<Void> authenticate(ContainerRequestContext request) {
    String path = request.getUriInfo().getPath();
    if (!path.startsWith("/v1/") || AdminPaths.isAdmin(path)) {
      return Uni.createFrom().voidItem();
    }
    return credentials
        .authenticate(
            presentedKey(request),
            request.getUriInfo().getQueryParameters().getFirst(ACCESS_TOKEN),
            StreamPaths.isStream(request))
        .invoke(currentTenant::set)
        .replaceWithVoid();
  }

  /** The key of {@code Authorization: Bearer} or {@code X-API-Key}, or null. */
  public static String presentedKey(ContainerRequestContext request) {
    return presentedKey(request::getHeaderString);
  }

  /**
   * The key of {@code Authorization: Bearer} or {@code X-API-Key}, or null, from any request's
   * headers (uploads are authenticated before the REST layer runs).
   */
  public static String presentedKey(UnaryOperator<String> header) {
    String authorization = header.apply(HttpHeaders.AUTHORIZATION);
    if (authorization != null && authorization.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
      return authorization.substring(BEARER.length()).trim();
    }
    String apiKey = header.apply("X-API-Key");
    return apiKey == null || apiKey.isBlank() ? null : apiKey.trim();
  }
}
