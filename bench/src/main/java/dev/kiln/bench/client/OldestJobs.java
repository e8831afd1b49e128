package dev.kiln.bench.client;

import java.util.List;

/**
 * Polls the jobs followed longest: jobs end roughly in submit order, so these polls see most
 * endings, as soon as the gap allows. The gap is the shortest while polls find jobs ended and
 * doubles (up to {@link #MAX_GAP_MILLIS}) while they find none, so a quiet spell costs Kiln little.
 */
final class OldestJobs implements PollLoop.Plan {

  private static final long MAX_GAP_MILLIS = 50;

  private final JobTracker tracker;
  private final long shortestGapMillis;
  private long gapMillis;

  OldestJobs(JobTracker tracker, long shortestGapMillis) {
    this.tracker = tracker;
    this.shortestGapMillis = shortestGapMillis;
    this.gapMillis = shortestGapMillis;
  }

  @Override
  public List<String> next() {
    return tracker.oldest(JobTracker.BATCH);
  }

  @Override
  public long gapMillis(int ended) {
    gapMillis =
        ended > 0 ? shortestGapMillis : Math.min(MAX_GAP_MILLIS, Math.max(1, gapMillis * 2));
    return gapMillis;
  }
}
