package dev.kiln.api.webhooks;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.quarkus.runtime.Startup;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Webhook meters on {@code /q/metrics}: attempts by outcome ({@code succeeded}, {@code retrying},
 * {@code failed}), attempt latency, and the due backlog with its oldest due age (read from the
 * database every 10 s: the same on every replica).
 */
@Startup
@ApplicationScoped
public class WebhookMetrics {

  private static final String BACKLOG =
      "select count(*), coalesce(extract(epoch from now() - min(next_attempt_at)), 0)"
          + " from webhook_deliveries where status = 'pending' and next_attempt_at <= now()";

  private final Pool pool;
  private final Counter succeeded;
  private final Counter retrying;
  private final Counter failed;
  private final Timer latency;
  private final AtomicLong due = new AtomicLong();
  private final AtomicLong oldestDueMillis = new AtomicLong();

  public WebhookMetrics(MeterRegistry registry, Pool pool) {
    this.pool = pool;
    this.succeeded = attempts(registry, "succeeded");
    this.retrying = attempts(registry, "retrying");
    this.failed = attempts(registry, "failed");
    this.latency =
        Timer.builder("kiln.webhook.attempt.duration")
            .description("Time of one webhook attempt, connect to response excerpt")
            .publishPercentileHistogram()
            .register(registry);
    Gauge.builder("kiln.webhook.due", due, AtomicLong::get)
        .description("Webhook deliveries due and not yet attempted")
        .register(registry);
    Gauge.builder("kiln.webhook.oldest.due.age", oldestDueMillis, v -> v.get() / 1000.0)
        .baseUnit("seconds")
        .description("How long the oldest due webhook delivery has waited")
        .register(registry);
  }

  private static Counter attempts(MeterRegistry registry, String outcome) {
    return Counter.builder("kiln.webhook.attempts")
        .description("Webhook attempts by what followed: succeeded, retrying, failed for good")
        .tag("outcome", outcome)
        .register(registry);
  }

  void attempted(AttemptOutcome outcome) {
    switch (outcome.status()) {
      case AttemptOutcome.SUCCEEDED -> succeeded.increment();
      case AttemptOutcome.PENDING -> retrying.increment();
      default -> failed.increment();
    }
    latency.record(outcome.duration());
  }

  @Scheduled(
      every = "10s",
      concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
      skipExecutionIf = Scheduled.ApplicationNotRunning.class)
  Uni<Void> readBacklog() {
    return pool.query(BACKLOG)
        .execute()
        .invoke(
            rows -> {
              var row = rows.iterator().next();
              due.set(row.getLong(0));
              oldestDueMillis.set(Math.round(row.getDouble(1) * 1000));
            })
        .onFailure()
        .recoverWithNull()
        .replaceWithVoid();
  }
}
