package dev.kiln.bench.workloads;

import dev.kiln.bench.client.webhooks.DeliveryLedger;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * Waiting for a part's deliveries: until every expected one arrived, or nothing new arrived for the
 * stall timeout (a slow dispatcher is waited for as long as it makes progress: a slow figure never
 * fails a run). Then a quiet second more, for late duplicates to show.
 */
final class DeliveryWait {

  private static final long CHECK_MILLIS = 10;
  private static final long QUIET_MILLIS = 1000;

  private DeliveryWait() {}

  /**
   * Waits.
   *
   * @param expected distinct deliveries of the required types to wait for
   * @param lastSubmitNanos when the last job was submitted
   * @param stall how long without a new delivery before giving up
   * @return when the last of the expected deliveries arrived ({@link System#nanoTime()}), or the
   *     last delivery's time when they did not all arrive
   */
  static long await(DeliveryLedger ledger, long expected, long lastSubmitNanos, Duration stall)
      throws InterruptedException {
    long stallNanos = stall.toNanos();
    long last;
    while (true) {
      boolean all = ledger.requiredReceived() >= expected;
      last = ledger.lastNanos(lastSubmitNanos);
      if (all) {
        break;
      }
      if (System.nanoTime() - Math.max(last, lastSubmitNanos) > stallNanos) {
        break;
      }
      TimeUnit.MILLISECONDS.sleep(CHECK_MILLIS);
    }
    TimeUnit.MILLISECONDS.sleep(QUIET_MILLIS);
    return last;
  }
}
