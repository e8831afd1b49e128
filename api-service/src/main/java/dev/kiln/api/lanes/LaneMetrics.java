package dev.kiln.api.lanes;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.Startup;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * {@code kiln_jobs_queued{lane}}: queued jobs waiting in each priority lane ({@code high}, {@code
 * normal}, {@code low}), and those already handed to the workers ({@code dispatched}), read from
 * PostgreSQL every 10 s. Every API replica reports the same figures: aggregate with max, not sum.
 */
@Startup
@ApplicationScoped
public class LaneMetrics {

  private static final String READ =
      """
      select case when dispatched_at is not null then 'dispatched'
                  when priority > 0 then 'high'
                  when priority < 0 then 'low'
                  else 'normal' end as lane,
             count(*) as n
      from jobs where status = 'queued' group by 1
      """;

  private final Pool pool;
  private final Map<String, AtomicLong> queued =
      Map.of(
          "high", new AtomicLong(),
          "normal", new AtomicLong(),
          "low", new AtomicLong(),
          "dispatched", new AtomicLong());

  public LaneMetrics(Pool pool, MeterRegistry registry) {
    this.pool = pool;
    queued.forEach(
        (lane, count) ->
            Gauge.builder("kiln.jobs.queued", count, AtomicLong::get)
                .description("Queued jobs by lane; dispatched: handed to the workers, not started")
                .tag("lane", lane)
                .register(registry));
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
              queued.values().forEach(count -> count.set(0));
              rows.forEach(row -> queued.get(row.getString("lane")).set(row.getLong("n")));
            })
        .onFailure()
        .recoverWithNull()
        .replaceWithVoid();
  }
}
