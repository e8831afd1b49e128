package dev.kiln.api.lanes;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

/**
 * The {@link QueueFigures}, read from PostgreSQL at most once per {@link
 * LanesConfig#snapshotMaxAge()} (one read in flight, whoever asks): positions, estimates and queue
 * limits cost a few index scans per second, not per request. Every read uses a partial index.
 */
@ApplicationScoped
public class QueueSnapshot {

  /** The window over which completions are counted and averaged. */
  static final int RECENT_SECONDS = 300;

  private static final String READ =
      """
      select 'waiting' as what, tenant_id as name, priority, count(*) as n, null::float8 as secs
        from jobs where status = 'queued' and dispatched_at is null group by tenant_id, priority
      union all
      select 'handed', tenant_id, null, count(*), null
        from jobs where status = 'queued' and dispatched_at is not null group by tenant_id
      union all
      select 'running', null, null, count(*), null from jobs where status = 'processing'
      union all
      select 'kind', kind, null, count(*),
             avg(extract(epoch from completed_at - started_at))
        from jobs where status = 'completed'
          and completed_at > now() - make_interval(secs => $1)
          and started_at is not null
        group by kind
      union all
      select 'span', null, null, count(*), extract(epoch from now() - min(completed_at))
        from jobs where status = 'completed' and completed_at > now() - make_interval(secs => $1)
      """;

  private final Pool pool;
  private final LanesConfig config;
  private volatile QueueFigures current;
  private volatile Uni<QueueFigures> reading;

  public QueueSnapshot(Pool pool, LanesConfig config) {
    this.pool = pool;
    this.config = config;
  }

  /** Figures no older than the configured age. */
  public Uni<QueueFigures> figures() {
    QueueFigures figures = current;
    if (figures != null && figures.at().plus(config.snapshotMaxAge()).isAfter(Instant.now())) {
      return Uni.createFrom().item(figures);
    }
    Uni<QueueFigures> inFlight = reading;
    if (inFlight == null) {
      synchronized (this) {
        if (reading == null) {
          reading = read().memoize().indefinitely();
        }
        inFlight = reading;
      }
    }
    Uni<QueueFigures> shared = inFlight;
    return shared.onTermination().invoke(() -> clear(shared));
  }

  private synchronized void clear(Uni<QueueFigures> done) {
    if (reading == done) {
      reading = null;
    }
  }

  private Uni<QueueFigures> read() {
    return pool.preparedQuery(READ)
        .execute(io.vertx.mutiny.sqlclient.Tuple.of(RECENT_SECONDS))
        .map(
            rows -> {
              Map<String, Map<Integer, Long>> waiting = new HashMap<>();
              Map<String, Long> queued = new HashMap<>();
              Map<String, Double> means = new HashMap<>();
              long handed = 0;
              long running = 0;
              long completed = 0;
              double weighted = 0;
              Double span = null;
              for (Row row : rows) {
                String name = row.getString("name");
                long n = row.getLong("n");
                switch (row.getString("what")) {
                  case "waiting" -> {
                    waiting
                        .computeIfAbsent(name, t -> new HashMap<>())
                        .put(row.getInteger("priority"), n);
                    queued.merge(name, n, Long::sum);
                  }
                  case "handed" -> {
                    handed += n;
                    queued.merge(name, n, Long::sum);
                  }
                  case "running" -> running = n;
                  case "kind" -> {
                    Double secs = row.getDouble("secs");
                    if (secs != null && name != null) {
                      means.put(name, secs);
                      completed += n;
                      weighted += secs * n;
                    }
                  }
                  case "span" -> span = n == 0 ? null : row.getDouble("secs");
                  default -> throw new IllegalStateException(row.getString("what"));
                }
              }
              Double meanAll = completed == 0 ? null : weighted / completed;
              QueueFigures figures =
                  new QueueFigures(
                      Instant.now(),
                      waiting,
                      queued,
                      handed,
                      running,
                      means,
                      meanAll,
                      rate(completed, span, running, meanAll));
              current = figures;
              return figures;
            });
  }

  /**
   * Jobs completed per second: measured over the recent window when it holds enough completions;
   * otherwise what the running jobs give at the mean processing time; null without data.
   */
  static Double rate(long completed, Double spanSeconds, long running, Double meanSeconds) {
    if (completed >= 10 && spanSeconds != null && spanSeconds > 1) {
      return completed / spanSeconds;
    }
    if (running > 0 && meanSeconds != null && meanSeconds > 0) {
      return running / meanSeconds;
    }
    return null;
  }
}
