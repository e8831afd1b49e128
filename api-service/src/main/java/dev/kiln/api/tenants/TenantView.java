package dev.kiln.api.tenants;

import java.time.Instant;

/** The tenant object of the admin API. */
public record TenantView(
    String id, String object, String name, Instant createdAt, Limits limits, Credits credits) {

  /**
   * The limits in force: the tenant's own or the configured defaults.
   *
   * @param rateLimitPerSecond requests per second of each key (0: unlimited)
   * @param rateLimitBurst requests a key may make at once
   * @param rateLimitDefault whether these are the configured defaults (the tenant set none)
   * @param maxQueuedJobs queued jobs beyond which submits answer 429 queue_limit_reached
   */
  public record Limits(
      int rateLimitPerSecond, int rateLimitBurst, boolean rateLimitDefault, int maxQueuedJobs) {}

  /**
   * The tenant's credits.
   *
   * @param metered whether its jobs spend credits (false until its first grant: unlimited)
   * @param balance the credits available; null when not metered
   */
  public record Credits(boolean metered, Long balance) {}
}
