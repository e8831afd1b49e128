package dev.kiln.api.tenants;

import dev.kiln.api.config.RateLimitConfig;
import dev.kiln.api.limits.RateLimitPolicy;
import jakarta.enterprise.context.ApplicationScoped;

/** Tenant and key rows as the admin API shows them. */
@ApplicationScoped
public class TenantMapper {

  private final RateLimitConfig rateLimits;

  public TenantMapper(RateLimitConfig rateLimits) {
    this.rateLimits = rateLimits;
  }

  TenantView view(TenantRow row) {
    RateLimitPolicy policy = RateLimitPolicy.of(row.ratePerSecond(), row.rateBurst(), rateLimits);
    return new TenantView(
        row.id(),
        "tenant",
        row.name(),
        row.createdAt(),
        new TenantView.Limits(
            policy.perSecond(),
            policy.burst(),
            row.ratePerSecond() == null && row.rateBurst() == null,
            row.maxQueuedJobs()),
        new TenantView.Credits(row.creditBalance() != null, row.creditBalance()));
  }

  static ApiKeyView view(ApiKeyRow row, String secret) {
    return new ApiKeyView(
        row.id(),
        "api_key",
        row.tenantId(),
        row.name(),
        row.prefix(),
        row.createdAt(),
        row.lastUsedAt(),
        row.revokedAt(),
        secret);
  }

  static ApiKeyView view(ApiKeyRow row) {
    return view(row, null);
  }
}
