package dev.kiln.bench.client;

/**
 * Observation by batch polls alone ({@code GET /v1/jobs?ids=}, 100 ids each), two in flight at
 * most: one for the oldest outstanding jobs ({@link OldestJobs}), one sweeping over the rest
 * ({@link Sweep}) while there are more than a batch. Polling therefore costs Kiln a bounded load
 * whatever the backlog, and little while nothing ends; its resolution is the poll gap.
 */
final class Polling implements JobTracker.Observer {

  private static final long SWEEP_GAP_MILLIS = 100;

  private final PollLoop oldest;
  private final PollLoop sweep;

  Polling(KilnClient client, JobTracker tracker, long pollGapMillis) {
    this.oldest = new PollLoop(client, tracker, new OldestJobs(tracker, pollGapMillis));
    this.sweep = new PollLoop(client, tracker, new Sweep(tracker, true, SWEEP_GAP_MILLIS));
  }

  @Override
  public void added(int outstanding) {
    oldest.wake(0);
    if (outstanding > JobTracker.BATCH) {
      sweep.wake(SWEEP_GAP_MILLIS);
    }
  }

  @Override
  public void noMoreJobs() {}

  @Override
  public void stop() {} // the loops end at their next turn
}
