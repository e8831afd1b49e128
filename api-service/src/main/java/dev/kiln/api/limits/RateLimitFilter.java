package dev.kiln.api.limits;

import dev.kiln.api.config.RateLimitConfig;
import dev.kiln.api.problems.ApiException;
import dev.kiln.api.problems.ProblemCode;
import dev.kiln.api.tenants.AuthenticatedKey;
import dev.kiln.api.tenants.CurrentTenant;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import java.util.Map;
import java.util.Optional;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;
import org.jboss.resteasy.reactive.server.ServerResponseFilter;

/**
 * Applies each API key's rate limit right after authentication: a request over the limit is
 * answered 429 {@code rate_limited} with {@code Retry-After}; every answer to a limited key carries
 * {@code RateLimit} and {@code RateLimit-Policy}. Keys without a limit get no headers.
 */
public class RateLimitFilter {

  private static final String HEADERS = RateLimitFilter.class.getName() + ".headers";

  private final RateLimiter limiter;
  private final RateLimitConfig defaults;
  private final CurrentTenant currentTenant;

  public RateLimitFilter(
      RateLimiter limiter, RateLimitConfig defaults, CurrentTenant currentTenant) {
    this.limiter = limiter;
    this.defaults = defaults;
    this.currentTenant = currentTenant;
  }

  @ServerRequestFilter(priority = Priorities.AUTHENTICATION + 1)
  public void limit(ContainerRequestContext request) {
    Optional<AuthenticatedKey> key = currentTenant.key();
    if (key.isEmpty()) {
      return;
    }
    RateLimitPolicy policy =
        RateLimitPolicy.of(key.get().ratePerSecond(), key.get().rateBurst(), defaults);
    if (policy.unlimited()) {
      return;
    }
    RateLimitDecision decision = limiter.acquire(key.get().keyId(), policy);
    request.setProperty(HEADERS, decision.headers());
    if (!decision.allowed()) {
      ApiException refused =
          new ApiException(
                  ProblemCode.RATE_LIMITED,
                  "This API key may make %d requests per second (bursts of %d)"
                      .formatted(policy.perSecond(), policy.burst()))
              .withHeader("Retry-After", Long.toString(decision.retryAfter()));
      for (Map.Entry<String, String> header : decision.headers().entrySet()) {
        refused = refused.withHeader(header.getKey(), header.getValue());
      }
      throw refused;
    }
  }

  @ServerResponseFilter
  @SuppressWarnings("unchecked")
  public void headers(ContainerRequestContext request, ContainerResponseContext response) {
    if (request.getProperty(HEADERS) instanceof Map<?, ?> headers) {
      ((Map<String, String>) headers).forEach(response.getHeaders()::putSingle);
    }
  }
}
