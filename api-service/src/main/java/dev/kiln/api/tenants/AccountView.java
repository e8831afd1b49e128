package dev.kiln.api.tenants;

import java.time.Instant;

/** The account object of {@code GET /v1/account}. */
public record AccountView(
    String id, String object, String name, Instant createdAt, Usage usage, Limits limits) {

  /** Jobs of the account that have not finished. */
  public record Usage(long queuedJobs, long processingJobs) {}

  /** What one request may ask for. */
  public record Limits(long maxUploadBytes, long maxImagePixels, int maxPipelineSteps) {}
}
