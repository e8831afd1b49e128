package dev.kiln.api.admin;

import dev.kiln.api.problems.ApiException;
import dev.kiln.api.problems.ProblemCode;
import dev.kiln.api.tenants.ApiKeyFilter;
import dev.kiln.api.tenants.KeyAuthenticator;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * Guards {@code /v1/admin}: without a configured operator key the admin API does not exist (404);
 * the operator key passes; a tenant's API key is 403 {@code forbidden}; anything else is 401.
 */
public class AdminKeyFilter {

  private final OperatorKey operatorKey;
  private final KeyAuthenticator tenantKeys;

  public AdminKeyFilter(OperatorKey operatorKey, KeyAuthenticator tenantKeys) {
    this.operatorKey = operatorKey;
    this.tenantKeys = tenantKeys;
  }

  @ServerRequestFilter(priority = Priorities.AUTHENTICATION)
  public Uni<Void> authenticate(ContainerRequestContext request) {
    if (!AdminPaths.isAdmin(request.getUriInfo().getPath())) {
      return Uni.createFrom().voidItem();
    }
    if (!operatorKey.configured()) {
      return Uni.createFrom()
          .failure(new ApiException(ProblemCode.NOT_FOUND, "No resource at this path"));
    }
    String key = ApiKeyFilter.presentedKey(request);
    if (operatorKey.matches(key)) {
      return Uni.createFrom().voidItem();
    }
    if (key == null) {
      return Uni.createFrom().failure(unauthorized());
    }
    return tenantKeys
        .authenticate(key)
        .chain(
            tenant ->
                Uni.createFrom()
                    .<Void>failure(
                        tenant.isPresent()
                            ? new ApiException(
                                ProblemCode.FORBIDDEN,
                                "The admin API needs the operator key, not an API key")
                            : unauthorized()));
  }

  private static ApiException unauthorized() {
    return new ApiException(
        ProblemCode.UNAUTHORIZED,
        "Send the operator key (kiln.admin.key) as 'Authorization: Bearer <key>'");
  }
}
