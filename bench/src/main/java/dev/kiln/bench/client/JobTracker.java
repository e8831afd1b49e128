package dev.kiln.bench.client;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

/**
 * Follows submitted jobs to their terminal state with batch polls ({@code GET /v1/jobs?ids=}, 100
 * ids each). Two polls at most are in flight: one always asks for the 100 oldest outstanding jobs
 * (jobs end roughly in submit order, so this one sees most completions, as soon as the poll gap
 * allows), the other sweeps round-robin over the rest so that no job is missed. The oldest jobs are
 * polled again after the shortest gap while polls find jobs ended, and ever more slowly (up to
 * {@link #MAX_GAP_MILLIS}) while they find none. Polling therefore costs Kiln a bounded load
 * whatever the backlog, and little while nothing ends; its resolution is fine while jobs end.
 */
public final class JobTracker {

  private static final int BATCH = 100;
  private static final long MAX_GAP_MILLIS = 50;
  private static final long SWEEP_GAP_MILLIS = 100;
  private static final long RETRY_GAP_MILLIS = 100;
  private static final Set<String> TERMINAL = Set.of("completed", "failed", "cancelled", "expired");

  private final KilnClient client;
  private final long pollGapMillis;
  private long headGapMillis;
  private final Map<String, Long> outstanding = new HashMap<>();
  private final ArrayDeque<String> byAge = new ArrayDeque<>();
  private final ArrayDeque<String> sweep = new ArrayDeque<>();
  private final List<EndedJob> ended = new ArrayList<>();
  private final CompletableFuture<Void> allEnded = new CompletableFuture<>();
  private boolean noMoreJobs;
  private boolean stopped;
  private boolean headBusy;
  private boolean sweepBusy;
  private long polls;
  private long pollErrors;

  /**
   * @param client the API
   * @param pollGapMillis the shortest gap between two polls of the oldest jobs (0: back to back)
   */
  public JobTracker(KilnClient client, long pollGapMillis) {
    this.client = client;
    this.pollGapMillis = pollGapMillis;
    this.headGapMillis = pollGapMillis;
  }

  /** Follows a job whose submit started at {@code startNanos}. Any thread. */
  public synchronized void add(String id, long startNanos) {
    outstanding.put(id, startNanos);
    byAge.add(id);
    sweep.add(id);
    if (!headBusy) {
      headBusy = true;
      client.execute(this::pollHead);
    }
    if (!sweepBusy && outstanding.size() > BATCH) {
      sweepBusy = true;
      client.schedule(SWEEP_GAP_MILLIS, this::pollSweep);
    }
  }

  /** Says that every job was added: {@link #allEnded()} completes once they all ended. */
  public synchronized void noMoreJobs() {
    noMoreJobs = true;
    completeIfDone();
  }

  /** Completes when every job added ended (after {@link #noMoreJobs()}). */
  public CompletableFuture<Void> allEnded() {
    return allEnded;
  }

  /** Stops polling (at a timeout); what is outstanding then is lost. */
  public synchronized void stop() {
    stopped = true;
  }

  public synchronized List<EndedJob> ended() {
    return List.copyOf(ended);
  }

  public synchronized List<String> outstanding() {
    return List.copyOf(outstanding.keySet());
  }

  public synchronized long polls() {
    return polls;
  }

  public synchronized long pollErrors() {
    return pollErrors;
  }

  private void pollHead() {
    List<String> ids;
    synchronized (this) {
      while (!byAge.isEmpty() && !outstanding.containsKey(byAge.peekFirst())) {
        byAge.pollFirst();
      }
      ids = new ArrayList<>(BATCH);
      Iterator<String> it = byAge.iterator();
      while (it.hasNext() && ids.size() < BATCH) {
        String id = it.next();
        if (outstanding.containsKey(id)) {
          ids.add(id);
        }
      }
      if (ids.isEmpty() || stopped) {
        headBusy = false;
        return;
      }
      polls++;
    }
    client
        .batch(ids)
        .onComplete(
            result -> {
              boolean ok = result.succeeded() && result.result().status() == 200;
              int ended = ok ? record(result.result().json()) : 0;
              synchronized (this) {
                if (!ok) {
                  pollErrors++;
                }
                headGapMillis =
                    ended > 0
                        ? pollGapMillis
                        : Math.min(MAX_GAP_MILLIS, Math.max(1, headGapMillis * 2));
                client.schedule(ok ? headGapMillis : RETRY_GAP_MILLIS, this::pollHead);
              }
            });
  }

  private void pollSweep() {
    List<String> ids = new ArrayList<>(BATCH);
    synchronized (this) {
      while (!sweep.isEmpty() && ids.size() < BATCH) {
        String id = sweep.pollFirst();
        if (outstanding.containsKey(id)) {
          ids.add(id);
        }
      }
      if (ids.isEmpty() || stopped) {
        sweepBusy = false;
        return;
      }
      polls++;
    }
    client
        .batch(ids)
        .onComplete(
            result -> {
              boolean ok = result.succeeded() && result.result().status() == 200;
              if (ok) {
                record(result.result().json());
              }
              synchronized (this) {
                if (!ok) {
                  pollErrors++;
                }
                for (String id : ids) {
                  if (outstanding.containsKey(id)) {
                    sweep.addLast(id);
                  }
                }
                if (outstanding.size() > BATCH) {
                  client.schedule(ok ? SWEEP_GAP_MILLIS : RETRY_GAP_MILLIS, this::pollSweep);
                } else {
                  sweepBusy = false;
                }
              }
            });
  }

  /** Records the jobs that ended; returns how many. */
  private synchronized int record(JsonObject list) {
    long now = System.nanoTime();
    int before = ended.size();
    JsonArray data = list.getJsonArray("data", new JsonArray());
    for (int i = 0; i < data.size(); i++) {
      JsonObject job = data.getJsonObject(i);
      String id = job.getString("id");
      String status = job.getString("status");
      Long start = outstanding.get(id);
      if (start == null || !TERMINAL.contains(status)) {
        continue;
      }
      outstanding.remove(id);
      JsonObject error = job.getJsonObject("error");
      ended.add(
          new EndedJob(
              id,
              status,
              start,
              now,
              instant(job.getString("created_at")),
              instant(job.getString("completed_at")),
              error == null ? null : error.getString("code")));
    }
    completeIfDone();
    return ended.size() - before;
  }

  private void completeIfDone() {
    if (noMoreJobs && outstanding.isEmpty()) {
      allEnded.complete(null);
    }
  }

  private static Instant instant(String text) {
    return text == null ? null : Instant.parse(text);
  }
}
