package dev.kiln.bench.client.sse;

import dev.kiln.bench.client.webhooks.WebhookEndpoints;
import dev.kiln.bench.report.Latencies;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * The account of what a set of event streams received, one subscriber per stream. Each event is
 * read for its id, type and job; within one subscriber and job the ids must grow: an id received
 * again is a duplicate, a smaller one out of order. A job stream must carry its own job only (any
 * other is a stray), a tenant stream may carry other clients' jobs too, and a subscriber expecting
 * nothing (a stream narrowed to jobs that are over) should receive nothing at all. The latency of
 * {@code job.processing} and {@code job.completed} is from the worker's time in the job object
 * ({@code started_at}, {@code completed_at}) to the receipt, both on this machine's clock; an event
 * that happened before its stream opened is a replay of the job's history, counted but kept out of
 * the latencies. Thread-safe: streams record, the workload reads.
 */
public final class StreamLedger {

  /** Examples quoted in a problem at most. */
  private static final int SAMPLES = 3;

  private static final Set<String> TERMINAL =
      Set.of("job.completed", "job.failed", "job.cancelled", "job.expired");

  /** Every event type a stream carries, in the order of their bits in a {@link Trace}. */
  private static final List<String> TYPES =
      Stream.concat(WebhookEndpoints.ALL_JOB_EVENTS.stream(), Stream.of("snapshot")).toList();

  /** The event types whose worker time is in the job object, and that field. */
  private static final Map<String, String> TIMED =
      Map.of("job.processing", "started_at", "job.completed", "completed_at");

  private final List<String> required;
  private final Map<String, Subscriber> subscribers = new HashMap<>();
  private final Map<String, Latencies> latencies = new HashMap<>();
  private final Map<String, Long> receivedByType = new TreeMap<>();
  private final List<String> badSamples = new ArrayList<>();
  // Kept as events arrive, so that a caller waiting for the ends never scans every stream:
  private final Map<String, Integer> jobStreamsByJob = new HashMap<>();
  private final Map<String, Integer> endedStreamsByJob = new HashMap<>();
  private int tenantStreams;
  private long unique;
  private long duplicates;
  private long outOfOrder;
  private long strays;
  private long malformed;
  private long replayed;
  private long lastReceiptNanos = Long.MIN_VALUE;

  /**
   * @param required the event types each expected job must reach each subscriber with, in their
   *     order, e.g. {@code job.queued}, {@code job.processing}, {@code job.completed}
   */
  public StreamLedger(Collection<String> required) {
    this.required = List.copyOf(required);
  }

  /** What one stream is expected to carry, and what it carried, job by job. */
  private static final class Subscriber {
    /** The job of a job stream, or null. */
    private String job;

    /** A tenant stream: every job the caller asks about. */
    private boolean everyJob;

    private final Map<String, Trace> jobs = new HashMap<>(4);
    private Instant openedAt;

    boolean expectsAnything() {
      return job != null || everyJob;
    }
  }

  /** The events of one job on one stream: their ids, and their types as bits of {@link #TYPES}. */
  private static final class Trace {
    private long[] ids = new long[4];
    private int count;
    private long lastId = Long.MIN_VALUE;
    private int types;
    private boolean ended;

    boolean has(long id) {
      for (int i = 0; i < count; i++) {
        if (ids[i] == id) {
          return true;
        }
      }
      return false;
    }

    void add(long id, String type) {
      if (count == ids.length) {
        ids = Arrays.copyOf(ids, count * 2);
      }
      ids[count++] = id;
      lastId = Math.max(lastId, id);
      int bit = TYPES.indexOf(type);
      if (bit >= 0) {
        types |= 1 << bit;
      }
      ended |= TERMINAL.contains(type);
    }

    boolean has(String type) {
      int bit = TYPES.indexOf(type);
      return bit >= 0 && (types & 1 << bit) != 0;
    }
  }

  /**
   * {@code subscriber} is the stream of one job: it must carry that job's events, and no other. A
   * subscriber's first expectation holds; call it before its stream opens.
   */
  public synchronized void expectJob(String subscriber, String jobId) {
    Subscriber s = subscriber(subscriber);
    if (s.job == null && !s.everyJob) {
      s.job = jobId;
      jobStreamsByJob.merge(jobId, 1, Integer::sum);
    }
  }

  /**
   * {@code subscriber} is a tenant stream: it must carry the events of every job asked about. A
   * subscriber's first expectation holds; call it before its stream opens.
   */
  public synchronized void expectEveryJob(String subscriber) {
    Subscriber s = subscriber(subscriber);
    if (s.job == null && !s.everyJob) {
      s.everyJob = true;
      tenantStreams++;
    }
  }

  /**
   * {@code subscriber}'s stream opened at {@code at}; only its first opening counts. A subscriber
   * not expected yet expects nothing: any event it receives is a stray.
   */
  public synchronized void opened(String subscriber, Instant at) {
    Subscriber s = subscriber(subscriber);
    if (s.openedAt == null) {
      s.openedAt = at;
    }
  }

  /**
   * Accounts for one event that {@code subscriber} received at {@code receivedAt} (wall clock) and
   * {@code receivedNanos} ({@link System#nanoTime()}).
   */
  public synchronized void record(
      String subscriber, SseEvent event, Instant receivedAt, long receivedNanos) {
    lastReceiptNanos = receivedNanos;
    Subscriber s = subscriber(subscriber);
    long id;
    String jobId;
    JsonObject job;
    try {
      id = Long.parseLong(event.id());
      job = new JsonObject(event.data());
      jobId = job.getString("id");
    } catch (NumberFormatException | DecodeException | ClassCastException e) {
      malformed++;
      sample(subscriber + ": " + event.name() + " with id '" + event.id() + "' not readable");
      return;
    }
    if (jobId == null || !s.expectsAnything() || (s.job != null && !s.job.equals(jobId))) {
      strays++;
      sample(subscriber + ": " + event.name() + " of " + jobId);
      return;
    }
    Trace trace = s.jobs.computeIfAbsent(jobId, k -> new Trace());
    if (trace.has(id)) {
      duplicates++;
      sample(subscriber + ": " + event.name() + " " + id + " again");
      return;
    }
    if (id < trace.lastId) {
      outOfOrder++;
      sample(subscriber + ": " + event.name() + " " + id + " after " + trace.lastId);
    }
    boolean endedBefore = trace.ended;
    trace.add(id, event.name());
    if (trace.ended && !endedBefore) {
      endedStreamsByJob.merge(jobId, 1, Integer::sum);
    }
    unique++;
    receivedByType.merge(event.name(), 1L, Long::sum);
    String timeField = TIMED.get(event.name());
    if (timeField == null) {
      return;
    }
    Instant happened = instant(job.getString(timeField));
    if (happened == null) {
      malformed++;
      sample(subscriber + ": " + event.name() + " " + id + " without a readable " + timeField);
    } else if (s.openedAt != null && happened.isBefore(s.openedAt)) {
      replayed++;
    } else {
      latencies
          .computeIfAbsent(event.name(), k -> new Latencies())
          .recordNanos(Duration.between(happened, receivedAt).toNanos());
    }
  }

  /**
   * Subscriber × job pairs among {@code jobIds} whose terminal event has not arrived: while above
   * zero, events are still due.
   */
  public synchronized long awaitingEnd(Collection<String> jobIds) {
    long awaiting = 0;
    for (String job : Set.copyOf(jobIds)) {
      awaiting +=
          tenantStreams
              + jobStreamsByJob.getOrDefault(job, 0)
              - endedStreamsByJob.getOrDefault(job, 0);
    }
    return awaiting;
  }

  /** What the streams lack for these jobs: each required type of each expected job, once. */
  public synchronized Shortfall shortfall(Collection<String> jobIds) {
    Set<String> wanted = Set.copyOf(jobIds);
    long expected = 0;
    long missing = 0;
    List<String> samples = new ArrayList<>();
    Map<String, Set<String>> otherEnds = new TreeMap<>();
    for (Map.Entry<String, Subscriber> entry : subscribers.entrySet()) {
      Subscriber s = entry.getValue();
      for (String job : expectedJobs(s, wanted)) {
        Trace trace = s.jobs.get(job);
        for (String type : required) {
          expected++;
          if (trace == null || !trace.has(type)) {
            missing++;
            if (samples.size() < SAMPLES) {
              samples.add(type + " of " + job + " on " + entry.getKey());
            }
          }
        }
        for (String type : List.of("job.failed", "job.cancelled", "job.expired")) {
          if (trace != null && trace.has(type)) {
            otherEnds.computeIfAbsent(type, k -> new HashSet<>()).add(job);
          }
        }
      }
    }
    Map<String, Integer> ends = new TreeMap<>();
    otherEnds.forEach((type, jobs) -> ends.put(type, jobs.size()));
    return new Shortfall(expected, expected - missing, missing, List.copyOf(samples), ends);
  }

  /**
   * What a ledger lacks for a set of jobs.
   *
   * @param expected required events: (subscriber, job) pairs × required types
   * @param received those that arrived
   * @param missing those that did not
   * @param samples a few missing ones, e.g. {@code job.completed of job_... on job_...#1}
   * @param otherEnds jobs that ended other than completed, by event type
   */
  public record Shortfall(
      long expected,
      long received,
      long missing,
      List<String> samples,
      Map<String, Integer> otherEnds) {}

  private Subscriber subscriber(String name) {
    return subscribers.computeIfAbsent(name, k -> new Subscriber());
  }

  private static Collection<String> expectedJobs(Subscriber s, Set<String> jobIds) {
    if (s.everyJob) {
      return jobIds;
    }
    return s.job != null && jobIds.contains(s.job) ? List.of(s.job) : List.of();
  }

  private void sample(String problem) {
    if (badSamples.size() < SAMPLES) {
      badSamples.add(problem);
    }
  }

  private static Instant instant(String text) {
    try {
      return text == null ? null : Instant.parse(text);
    } catch (DateTimeParseException e) {
      return null;
    }
  }

  /** Worker time → receipt of the events of {@code type} received live (empty: none). */
  public synchronized Latencies latencies(String type) {
    return latencies.getOrDefault(type, new Latencies());
  }

  /** Distinct events received, by type. */
  public synchronized Map<String, Long> receivedByType() {
    return Map.copyOf(receivedByType);
  }

  /** Distinct, readable events received on the streams that expected them. */
  public synchronized long unique() {
    return unique;
  }

  /** Events whose id the same stream had already given for the job. */
  public synchronized long duplicates() {
    return duplicates;
  }

  /** Events whose id was smaller than one the same stream had given for the job before. */
  public synchronized long outOfOrder() {
    return outOfOrder;
  }

  /** Events of a job the stream does not carry (or on a stream that should carry none). */
  public synchronized long strays() {
    return strays;
  }

  /** Events without a numeric id, a job object or the worker time of their type. */
  public synchronized long malformed() {
    return malformed;
  }

  /** Timed events that happened before their stream opened: history, not in the latencies. */
  public synchronized long replayed() {
    return replayed;
  }

  /** A few duplicates, strays and unreadable events, for a problem's message. */
  public synchronized List<String> badSamples() {
    return List.copyOf(badSamples);
  }

  /** {@link System#nanoTime()} of the last event received, or {@code fallback} before any. */
  public synchronized long lastReceiptNanos(long fallback) {
    return lastReceiptNanos == Long.MIN_VALUE ? fallback : lastReceiptNanos;
  }
}
