package dev.kiln.e2e.drills;

import dev.kiln.e2e.KilnStack;
import java.io.IOException;
import java.util.Map;

/**
 * The stack the drills run on: one API instance and {@code workers} workers, configured as in
 * production but for two settings.
 *
 * <ul>
 *   <li>The Kafka consumers' session timeout is 6 s (Kafka's default: 45 s). A killed instance
 *       stays a member of its consumer group until the timeout, and its partitions (the commands or
 *       events it held) wait that long before they move: with the default, a killed worker's jobs
 *       restart up to 45 s late. The drills would mostly measure that wait.
 *   <li>The workers retry an S3 call for a few seconds (6 tries, backoff from 200 ms up to 1 s)
 *       instead of about half a second, so that a short outage shows both outcomes: jobs that ride
 *       it out and jobs that fail.
 * </ul>
 */
final class DrillStack {

  private static final String SESSION_TIMEOUT = "6000";
  private static final String HEARTBEAT = "1000";

  private DrillStack() {}

  /** Starts the stack and its services; the caller closes it. */
  static KilnStack start(int workers) throws IOException {
    KilnStack stack = new KilnStack(api(), worker());
    try {
      stack.startServices(1, workers);
      return stack;
    } catch (IOException | RuntimeException e) {
      stack.close();
      throw e;
    }
  }

  private static Map<String, String> api() {
    String events = "mp.messaging.incoming.\"kiln.job-events\".";
    return Map.of(
        events + "session.timeout.ms",
        SESSION_TIMEOUT,
        events + "heartbeat.interval.ms",
        HEARTBEAT);
  }

  private static Map<String, String> worker() {
    String jobs = "mp.messaging.incoming.\"kiln.jobs\".";
    return Map.of(
        jobs + "session.timeout.ms",
        SESSION_TIMEOUT,
        jobs + "heartbeat.interval.ms",
        HEARTBEAT,
        "kiln.storage.retry.max-attempts",
        "6",
        "kiln.storage.retry.backoff",
        "200ms",
        "kiln.storage.retry.max-backoff",
        "1s");
  }
}
