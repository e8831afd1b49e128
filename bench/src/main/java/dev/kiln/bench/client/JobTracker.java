package dev.kiln.bench.client;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

/**
 * Follows submitted jobs to their terminal state, seen as its {@link Observe} says: through the
 * events of one {@code GET /v1/events} stream ({@link EventObservation}) or by batch polls alone
 * ({@link Polling}). Either way a job never seen ended stays {@link #outstanding()}, which the
 * caller reports as lost. One lock, this object's, guards its state and its observer's.
 */
public final class JobTracker implements AutoCloseable {

  /** Ids per batch poll ({@code GET /v1/jobs?ids=} takes up to 100). */
  static final int BATCH = 100;

  private static final Set<String> TERMINAL = Set.of("completed", "failed", "cancelled", "expired");

  /**
   * Terminal events of jobs not added yet kept at most: an event may overtake the 202 of its own
   * job on a loaded API, and the tenant stream also carries other clients' jobs.
   */
  private static final int EARLY_LIMIT = 10_000;

  private final Map<String, Long> outstanding = new LinkedHashMap<>(); // in the order added
  private final Map<String, EndedJob> early =
      new LinkedHashMap<>() {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, EndedJob> eldest) {
          return size() > EARLY_LIMIT;
        }
      };
  private final List<EndedJob> ended = new ArrayList<>();
  private final CompletableFuture<Void> allEnded = new CompletableFuture<>();
  private final Observe observe;
  private Observer observer;
  private boolean noMoreJobs;
  private boolean stopped;
  private long polls;
  private long pollErrors;
  private long endedByPoll;
  private long reconnects;

  /** How a tracker learns that jobs ended. Its methods are called under the tracker's lock. */
  interface Observer {
    /** A job was added; {@code outstanding} are now followed. */
    void added(int outstanding);

    /** Every job was added. */
    void noMoreJobs();

    /** Observing ends (the tracker is stopped). */
    void stop();
  }

  private JobTracker(Observe observe) {
    this.observe = observe;
  }

  /**
   * A tracker ready for the first submit: with {@link Observe#SSE} its stream is open.
   *
   * @param pollGapMillis with {@link Observe#POLL}: the shortest gap between two polls of the
   *     oldest jobs (0: back to back)
   * @throws IllegalStateException when the stream cannot be opened
   */
  public static JobTracker open(KilnClient client, Observe observe, long pollGapMillis)
      throws InterruptedException {
    JobTracker tracker = new JobTracker(observe);
    Observer observer =
        switch (observe) {
          case POLL -> new Polling(client, tracker, pollGapMillis);
          case SSE -> EventObservation.open(client, tracker);
        };
    synchronized (tracker) {
      tracker.observer = observer;
    }
    return tracker;
  }

  /** Follows a job whose submit started at {@code startNanos}. Any thread. */
  public synchronized void add(String id, long startNanos) {
    EndedJob seenEarly = early.remove(id);
    if (seenEarly != null) {
      ended.add(seenEarly.startedAt(startNanos));
      return;
    }
    outstanding.put(id, startNanos);
    observer.added(outstanding.size());
  }

  /** Says that every job was added: {@link #allEnded()} completes once they all ended. */
  public synchronized void noMoreJobs() {
    noMoreJobs = true;
    observer.noMoreJobs();
    completeIfDone();
  }

  /** Completes when every job added ended (after {@link #noMoreJobs()}). */
  public CompletableFuture<Void> allEnded() {
    return allEnded;
  }

  /** Stops observing (at the end, or a timeout: what is outstanding then is lost). */
  public synchronized void stop() {
    if (!stopped) {
      stopped = true;
      observer.stop();
    }
  }

  @Override
  public void close() {
    stop();
  }

  public Observe observe() {
    return observe;
  }

  public synchronized List<EndedJob> ended() {
    return List.copyOf(ended);
  }

  public synchronized List<String> outstanding() {
    return List.copyOf(outstanding.keySet());
  }

  /** Batch polls sent (with {@link Observe#SSE}: the safety net's). */
  public synchronized long polls() {
    return polls;
  }

  public synchronized long pollErrors() {
    return pollErrors;
  }

  /** Jobs whose end a poll saw first (with {@link Observe#SSE}: events missed or still due). */
  public synchronized long endedByPoll() {
    return endedByPoll;
  }

  /** Times the event stream dropped and was opened again. */
  public synchronized long reconnects() {
    return reconnects;
  }

  synchronized boolean stopped() {
    return stopped;
  }

  synchronized boolean allAdded() {
    return noMoreJobs;
  }

  synchronized int outstandingCount() {
    return outstanding.size();
  }

  /** The {@code limit} jobs followed longest. */
  synchronized List<String> oldest(int limit) {
    List<String> ids = new ArrayList<>(Math.min(limit, outstanding.size()));
    for (String id : outstanding.keySet()) {
      if (ids.size() == limit) {
        break;
      }
      ids.add(id);
    }
    return ids;
  }

  synchronized boolean isOutstanding(String id) {
    return outstanding.containsKey(id);
  }

  synchronized List<String> outstandingIds() {
    return new ArrayList<>(outstanding.keySet());
  }

  /**
   * Records a batch poll's answer ({@code null} when it failed) received at {@code nanos}; returns
   * how many followed jobs it saw ended.
   */
  synchronized int polled(JsonObject list, long nanos) {
    polls++;
    if (list == null) {
      pollErrors++;
      return 0;
    }
    int count = 0;
    JsonArray data = list.getJsonArray("data", new JsonArray());
    for (int i = 0; i < data.size(); i++) {
      if (record(data.getJsonObject(i), nanos)) {
        count++;
      }
    }
    endedByPoll += count;
    completeIfDone();
    return count;
  }

  /**
   * Records the job of an event that arrived at {@code nanos}; returns whether it ended a followed
   * job. A terminal job not followed (yet) is kept in case its 202 is still on its way.
   */
  synchronized boolean eventSeen(JsonObject job, long nanos) {
    if (record(job, nanos)) {
      completeIfDone();
      return true;
    }
    String id = job.getString("id");
    if (id != null && TERMINAL.contains(job.getString("status")) && !stopped) {
      early.putIfAbsent(id, EndedJob.of(job, 0, nanos));
    }
    return false;
  }

  synchronized void reconnected() {
    reconnects++;
  }

  private boolean record(JsonObject job, long nanos) {
    String id = job.getString("id");
    Long start = id == null ? null : outstanding.get(id);
    if (start == null || !TERMINAL.contains(job.getString("status"))) {
      return false;
    }
    outstanding.remove(id);
    ended.add(EndedJob.of(job, start, nanos));
    return true;
  }

  private void completeIfDone() {
    if (noMoreJobs && outstanding.isEmpty()) {
      allEnded.complete(null);
    }
  }
}
