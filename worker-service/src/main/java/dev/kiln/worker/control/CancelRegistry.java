package dev.kiln.worker.control;

import dev.kiln.worker.config.WorkerConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The job ids cancelled recently, bounded in time and size: a job is checked before it starts and
 * between its steps. Memory stays bounded however many cancels arrive; a cancel that is forgotten
 * only means a job runs whose result the API already ignores.
 */
@ApplicationScoped
public class CancelRegistry {

  private final Map<String, Instant> cancelledAt = new LinkedHashMap<>();
  private final Duration ttl;
  private final int capacity;
  private final Clock clock;

  @Inject
  public CancelRegistry(WorkerConfig config) {
    this(config.cancelTtl(), config.cancelCapacity(), Clock.systemUTC());
  }

  public CancelRegistry(Duration ttl, int capacity, Clock clock) {
    this.ttl = ttl;
    this.capacity = capacity;
    this.clock = clock;
  }

  public synchronized void cancel(String jobId) {
    Instant now = clock.instant();
    cancelledAt.remove(jobId); // re-insert at the young end
    cancelledAt.put(jobId, now);
    evict(now);
  }

  public synchronized boolean isCancelled(String jobId) {
    Instant at = cancelledAt.get(jobId);
    if (at == null) {
      return false;
    }
    if (isExpired(at, clock.instant())) {
      cancelledAt.remove(jobId);
      return false;
    }
    return true;
  }

  synchronized int size() {
    return cancelledAt.size();
  }

  private void evict(Instant now) {
    Iterator<Map.Entry<String, Instant>> oldestFirst = cancelledAt.entrySet().iterator();
    while (oldestFirst.hasNext()) {
      Map.Entry<String, Instant> oldest = oldestFirst.next();
      if (cancelledAt.size() > capacity || isExpired(oldest.getValue(), now)) {
        oldestFirst.remove();
      } else {
        return;
      }
    }
  }

  private boolean isExpired(Instant at, Instant now) {
    return at.plus(ttl).isBefore(now);
  }
}
