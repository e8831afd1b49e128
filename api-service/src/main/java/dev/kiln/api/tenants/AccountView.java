package dev.kiln.api.tenants;

import java.time.Instant;

/** The account object of {@code GET /v1/account}. */
public record AccountView(
    String id,
    String object,
    String name,
    Instant createdAt,
    Usage usage,
    Webhooks webhooks,
    Limits limits) {

  /** Jobs of the account that have not finished. */
  public record Usage(long queuedJobs, long processingJobs) {}

  /**
   * The account's webhook secret, which signs jobs' own {@code webhook_url} deliveries: whether it
   * exists and since when (the secret itself is shown only when created).
   */
  public record Webhooks(boolean secretExists, Instant secretCreatedAt) {}

  /** What one request may ask for. */
  public record Limits(long maxUploadBytes, long maxImagePixels, int maxPipelineSteps) {}
}
