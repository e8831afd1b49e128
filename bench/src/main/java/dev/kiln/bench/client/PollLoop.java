package dev.kiln.bench.client;

import io.vertx.core.json.JsonObject;
import java.util.List;

/**
 * One loop of batch polls ({@code GET /v1/jobs?ids=}) with at most one poll in flight: its {@link
 * Plan} picks the ids, the answer goes to the tracker, the plan says how long to wait before the
 * next. The loop goes idle when the plan has no ids left (or the tracker stopped), until woken.
 */
final class PollLoop {

  private static final long RETRY_GAP_MILLIS = 100;

  /** What a loop polls, and how often. Called under the tracker's lock. */
  interface Plan {
    /** The ids to poll next (at most {@link JobTracker#BATCH}); none to go idle. */
    List<String> next();

    /** Milliseconds before the next poll, after one that saw {@code ended} jobs end. */
    long gapMillis(int ended);
  }

  private final KilnClient client;
  private final JobTracker tracker;
  private final Plan plan;
  private boolean busy; // guarded by the tracker's lock

  PollLoop(KilnClient client, JobTracker tracker, Plan plan) {
    this.client = client;
    this.tracker = tracker;
    this.plan = plan;
  }

  /** Starts the loop after {@code delayMillis} (0: at once) unless it runs. Under the lock. */
  void wake(long delayMillis) {
    if (busy) {
      return;
    }
    busy = true;
    if (delayMillis <= 0) {
      client.execute(this::poll);
    } else {
      client.schedule(delayMillis, this::poll);
    }
  }

  private void poll() {
    List<String> ids;
    synchronized (tracker) {
      ids = tracker.stopped() ? List.of() : plan.next();
      if (ids.isEmpty()) {
        busy = false;
        return;
      }
    }
    client
        .batch(ids)
        .onComplete(
            result -> {
              long now = System.nanoTime();
              boolean ok = result.succeeded() && result.result().status() == 200;
              JsonObject list = ok ? result.result().json() : null;
              long gap;
              synchronized (tracker) {
                int ended = tracker.polled(list, now);
                gap = ok ? plan.gapMillis(ended) : RETRY_GAP_MILLIS;
              }
              client.schedule(gap, this::poll);
            });
  }
}
