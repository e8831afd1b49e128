package dev.kiln.api.tenants;

import java.time.Instant;

/** The tenant object of the admin API. */
public record TenantView(String id, String object, String name, Instant createdAt, Limits limits) {

  /**
   * The limits in force: the tenant's own or the configured defaults.
   *
   * @param rateLimitPerSecond requests per second of each key (0: unlimited)
   * @param rateLimitBurst requests a key may make at once
   * @param rateLimitDefault whether these are the configured defaults (the tenant set none)
   */
  public record Limits(int rateLimitPerSecond, int rateLimitBurst, boolean rateLimitDefault) {}
}
