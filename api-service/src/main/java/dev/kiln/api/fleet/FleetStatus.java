package dev.kiln.api.fleet;

import java.time.Instant;

/**
 * What the API last learnt of the consumers on Kafka: whether workers are taking jobs and how far
 * behind they and the API's own event consumers are.
 *
 * @param checkedAt when it was learnt; null before the first check
 * @param kafkaReachable whether the last check reached Kafka (false: the other figures are stale)
 * @param workersConsuming members of the workers' group with partitions of the jobs topic
 * @param jobsLag job commands published and not yet committed by the workers' group
 * @param eventsLag job events published by workers and not yet applied by the API's group
 */
public record FleetStatus(
    Instant checkedAt, boolean kafkaReachable, int workersConsuming, long jobsLag, long eventsLag) {

  static final FleetStatus UNKNOWN = new FleetStatus(null, false, 0, 0, 0);

  /** The same figures, marked unreachable at {@code now}: Kafka did not answer. */
  FleetStatus unreachable(Instant now) {
    return new FleetStatus(now, false, workersConsuming, jobsLag, eventsLag);
  }

  /** {@code consuming}, {@code no_workers} or {@code unknown} (Kafka not reached yet or now). */
  public String state() {
    if (!kafkaReachable) {
      return "unknown";
    }
    return workersConsuming > 0 ? "consuming" : "no_workers";
  }
}
