package dev.kiln.bench.client;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;

/**
 * Passes over every outstanding job, a batch at a time, so that none is missed whatever the
 * backlog. A pass starts on {@link #refill()}; a continuous sweep starts the next pass by itself
 * while more jobs are outstanding than one batch holds.
 */
final class Sweep implements PollLoop.Plan {

  private final JobTracker tracker;
  private final boolean continuous;
  private final long gapMillis;
  private final ArrayDeque<String> pass = new ArrayDeque<>();

  Sweep(JobTracker tracker, boolean continuous, long gapMillis) {
    this.tracker = tracker;
    this.continuous = continuous;
    this.gapMillis = gapMillis;
  }

  /** Starts a pass over the jobs outstanding now. Under the tracker's lock. */
  void refill() {
    pass.clear();
    pass.addAll(tracker.outstandingIds());
  }

  /** Whether a pass is under way. Under the tracker's lock. */
  boolean passing() {
    return !pass.isEmpty();
  }

  @Override
  public List<String> next() {
    if (pass.isEmpty() && continuous && tracker.outstandingCount() > JobTracker.BATCH) {
      refill();
    }
    List<String> ids = new ArrayList<>(JobTracker.BATCH);
    while (!pass.isEmpty() && ids.size() < JobTracker.BATCH) {
      String id = pass.pollFirst();
      if (tracker.isOutstanding(id)) {
        ids.add(id);
      }
    }
    return ids;
  }

  @Override
  public long gapMillis(int ended) {
    return gapMillis;
  }
}
