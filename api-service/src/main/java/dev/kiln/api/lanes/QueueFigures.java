package dev.kiln.api.lanes;

import java.time.Instant;
import java.util.Map;

/**
 * The queue at one moment: what positions, estimates and queue limits are computed from.
 *
 * @param waiting per tenant, its jobs waiting in their lanes, by stored priority
 * @param queued per tenant, its queued jobs (waiting or handed to the workers, not started)
 * @param handedOver jobs handed to the workers that no worker has started yet
 * @param running jobs processing
 * @param meanSeconds per job kind, the mean processing time of its recently completed jobs
 * @param meanSecondsAll the mean processing time of all recently completed jobs, or null
 * @param completedPerSecond the fleet's recent completion rate, or null when unknown
 */
public record QueueFigures(
    Instant at,
    Map<String, Map<Integer, Long>> waiting,
    Map<String, Long> queued,
    long handedOver,
    long running,
    Map<String, Double> meanSeconds,
    Double meanSecondsAll,
    Double completedPerSecond) {

  /** The tenant's waiting jobs in lanes of at least {@code priority}. */
  public long waitingAtOrAbove(String tenantId, int priority) {
    return waiting.getOrDefault(tenantId, Map.of()).entrySet().stream()
        .filter(e -> e.getKey() >= priority)
        .mapToLong(Map.Entry::getValue)
        .sum();
  }

  /** The tenant's waiting jobs, all lanes. */
  public long waiting(String tenantId) {
    return waitingAtOrAbove(tenantId, Integer.MIN_VALUE);
  }

  /** The mean processing time of a job of {@code kind}, falling back to all kinds; or null. */
  public Double meanSeconds(String kind) {
    Double mean = kind == null ? null : meanSeconds.get(kind);
    return mean != null ? mean : meanSecondsAll;
  }
}
