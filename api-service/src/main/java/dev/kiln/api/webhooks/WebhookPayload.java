package dev.kiln.api.webhooks;

import dev.kiln.api.jobs.JobView;
import java.time.Instant;

/**
 * The body of every webhook: {@code {"type", "timestamp", "data"}} (Standard Webhooks). Its two
 * shapes are the source of {@code GET /v1/webhooks/event-schema}.
 */
public sealed interface WebhookPayload {

  String type();

  /**
   * When the event happened (not when this attempt was made: that is {@code webhook-timestamp}).
   */
  Instant timestamp();

  /** A job's event: {@code data} is the job object as of the change. */
  record JobEvent(String type, Instant timestamp, JobView data) implements WebhookPayload {}

  /** {@code webhook.test}. */
  record Test(String type, Instant timestamp, WebhookTestData data) implements WebhookPayload {}
}
