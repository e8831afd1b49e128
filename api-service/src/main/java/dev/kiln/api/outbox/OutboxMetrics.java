package dev.kiln.api.outbox;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.Startup;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.concurrent.atomic.AtomicLong;

/**
 * {@code kiln_outbox_backlog} and {@code kiln_outbox_oldest_age_seconds}: messages committed and
 * not yet on Kafka, read every 10 s. A growing age means Kafka is away or the relay is stuck: jobs
 * are accepted but no worker hears of them.
 */
@Startup
@ApplicationScoped
public class OutboxMetrics {

  private static final String READ =
      "select count(*) as n, coalesce(extract(epoch from now() - min(created_at)), 0) as age"
          + " from outbox";

  private final Pool pool;
  private final AtomicLong backlog = new AtomicLong();
  private final AtomicLong oldestAgeMillis = new AtomicLong();

  public OutboxMetrics(Pool pool, MeterRegistry registry) {
    this.pool = pool;
    Gauge.builder("kiln.outbox.backlog", backlog, AtomicLong::get)
        .description("Outbox messages not yet published to Kafka")
        .register(registry);
    Gauge.builder("kiln.outbox.oldest.age", oldestAgeMillis, age -> age.get() / 1000.0)
        .baseUnit("seconds")
        .description("How long the oldest unpublished outbox message has waited")
        .register(registry);
  }

  @Scheduled(
      every = "10s",
      concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
      skipExecutionIf = Scheduled.ApplicationNotRunning.class)
  Uni<Void> read() {
    return pool.query(READ)
        .execute()
        .invoke(
            rows -> {
              var row = rows.iterator().next();
              backlog.set(row.getLong("n"));
              oldestAgeMillis.set(Math.round(row.getDouble("age") * 1000));
            })
        .onFailure()
        .recoverWithNull()
        .replaceWithVoid();
  }
}
