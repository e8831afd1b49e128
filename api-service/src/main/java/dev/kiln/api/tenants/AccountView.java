package dev.kiln.api.tenants;

import java.time.Instant;

/** The account object of {@code GET /v1/account}. */
public record AccountView(
    String id,
    String object,
    String name,
    Instant createdAt,
    Usage usage,
    Workers workers,
    Webhooks webhooks,
    Credits credits,
    Limits limits) {

  /** Jobs of the account that have not finished. */
  public record Usage(long queuedJobs, long processingJobs) {}

  /**
   * The worker fleet as the API last saw it on Kafka (shared by every account): whether queued jobs
   * are being taken. Independent of readiness: the API keeps accepting jobs without workers.
   *
   * @param state {@code consuming}, {@code no_workers} (jobs wait until a worker starts) or {@code
   *     unknown} (Kafka not reached at the last check)
   * @param consuming workers holding partitions of the jobs topic
   * @param backlog job commands handed to Kafka and not yet taken by a worker
   * @param checkedAt when this was read (every 10 s by default)
   */
  public record Workers(String state, int consuming, long backlog, Instant checkedAt) {}

  /**
   * The account's webhook secret, which signs jobs' own {@code webhook_url} deliveries: whether it
   * exists and since when (the secret itself is shown only when created).
   */
  public record Webhooks(boolean secretExists, Instant secretCreatedAt) {}

  /**
   * The account's credits.
   *
   * @param metered whether jobs spend credits (false: no credit limit)
   * @param balance the credits available, null when not metered
   */
  public record Credits(boolean metered, Long balance) {}

  /**
   * What one request may ask for, and how many jobs may wait.
   *
   * @param maxQueuedJobs submits beyond this many queued jobs answer 429 queue_limit_reached
   */
  public record Limits(
      long maxUploadBytes, long maxImagePixels, int maxPipelineSteps, int maxQueuedJobs) {}
}
