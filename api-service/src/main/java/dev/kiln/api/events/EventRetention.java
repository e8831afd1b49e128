package dev.kiln.api.events;

import dev.kiln.api.config.EventsConfig;
import io.quarkus.logging.Log;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Deletes events and finished webhook deliveries older than {@code kiln.events.retention} (default
 * 7 days), a bounded batch at a time. An event a pending delivery still needs is kept.
 */
@ApplicationScoped
public class EventRetention {

  static final int BATCH = 5000;

  private static final String DELETE_DELIVERIES =
      """
      delete from webhook_deliveries where id in (
        select id from webhook_deliveries
        where status <> 'pending' and updated_at < now() - make_interval(secs => $1)
        limit $2)
      """;
  private static final String DELETE_EVENTS =
      """
      delete from events where seq in (
        select ev.seq from events ev
        where ev.created_at < now() - make_interval(secs => $1)
          and not exists (select 1 from webhook_deliveries d
                          where d.event_seq = ev.seq and d.status = 'pending')
        order by ev.seq limit $2)
      """;

  private final Pool pool;
  private final double retentionSeconds;

  public EventRetention(Pool pool, EventsConfig config) {
    this.pool = pool;
    this.retentionSeconds = config.retention().toMillis() / 1000.0;
  }

  @Scheduled(
      every = "${kiln.events.cleanup-interval:1h}",
      delayed = "30s",
      concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
      skipExecutionIf = Scheduled.ApplicationNotRunning.class)
  Uni<Void> clean() {
    return deleteAll(DELETE_DELIVERIES, 0)
        .chain(
            deliveries ->
                deleteAll(DELETE_EVENTS, 0).map(events -> new long[] {deliveries, events}))
        .invoke(
            counts -> {
              if (counts[0] + counts[1] > 0) {
                Log.infof(
                    "Retention: deleted %d webhook deliveries and %d events", counts[0], counts[1]);
              }
            })
        .onFailure()
        .invoke(e -> Log.warnf("Retention pass failed, the next one retries: %s", e.getMessage()))
        .onFailure()
        .recoverWithNull()
        .replaceWithVoid();
  }

  /** Runs a batched delete until a batch comes back short; answers the rows deleted. */
  private Uni<Long> deleteAll(String sql, long deletedSoFar) {
    return pool.preparedQuery(sql)
        .execute(Tuple.of(retentionSeconds, BATCH))
        .chain(
            rows ->
                rows.rowCount() < BATCH
                    ? Uni.createFrom().item(deletedSoFar + rows.rowCount())
                    : deleteAll(sql, deletedSoFar + rows.rowCount()));
  }
}
