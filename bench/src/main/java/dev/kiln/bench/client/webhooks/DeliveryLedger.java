package dev.kiln.bench.client.webhooks;

import dev.kiln.bench.report.Latencies;
import dev.kiln.webhooks.WebhookVerificationException;
import dev.kiln.webhooks.WebhookVerifier;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The account of what a receiver got: every delivery is attributed to its endpoint by path,
 * verified with that endpoint's secret, deduplicated on (endpoint, {@code webhook-id}) and read for
 * its event type, job and event timestamp. Counts duplicates, bad signatures and strays, the event
 * → receipt latency of each first receipt, and which event types each job's deliveries covered at
 * each endpoint, so that missing ones can be told. Thread-safe: the receiver records, the workload
 * reads.
 */
public final class DeliveryLedger {

  /** Examples quoted in a problem at most. */
  private static final int SAMPLES = 3;

  private final Map<String, WebhookVerifier> endpoints = new HashMap<>();
  private final Set<String> required;
  private final Set<String> seen = new HashSet<>();
  private final Map<String, Set<String>> typesByEndpointAndJob = new HashMap<>();
  private final Map<String, Set<String>> jobsByOtherEnd = new TreeMap<>();
  private final List<String> badSamples = new ArrayList<>();
  private final Latencies latencies = new Latencies();
  private final Map<String, Latencies> latenciesByType = new HashMap<>();
  private long unique;
  private long requiredReceived;
  private long duplicates;
  private long badSignatures;
  private long malformed;
  private long strays;
  private long firstNanos = Long.MAX_VALUE;
  private long lastNanos = Long.MIN_VALUE;

  /**
   * @param required the event types every job must have delivered to every endpoint, e.g. {@code
   *     job.queued}, {@code job.processing}, {@code job.completed}
   */
  public DeliveryLedger(Collection<String> required) {
    this.required = Set.copyOf(required);
  }

  /** Deliveries to {@code path} are expected, signed with the secret {@code verifier} checks. */
  public synchronized void expect(String path, WebhookVerifier verifier) {
    endpoints.put(path, verifier);
  }

  /** Accounts for one received delivery. */
  public synchronized void record(ReceivedDelivery delivery) {
    WebhookVerifier verifier = endpoints.get(delivery.path());
    if (verifier == null) {
      strays++;
      return;
    }
    try {
      verifier.verify(
          delivery.webhookId(), delivery.webhookTimestamp(), delivery.signature(), delivery.body());
    } catch (WebhookVerificationException e) {
      badSignatures++;
      sample(delivery.path() + " " + delivery.webhookId() + ": " + e.reason());
      return;
    }
    if (!seen.add(delivery.path() + " " + delivery.webhookId())) {
      duplicates++;
      return;
    }
    DeliveryBody body;
    try {
      body = DeliveryBody.parse(delivery.body());
    } catch (IllegalArgumentException e) {
      malformed++;
      sample(delivery.path() + " " + delivery.webhookId() + ": body " + e.getMessage());
      return;
    }
    unique++;
    firstNanos = Math.min(firstNanos, delivery.receivedNanos());
    lastNanos = Math.max(lastNanos, delivery.receivedNanos());
    long latency = Duration.between(body.timestamp(), delivery.receivedAt()).toNanos();
    latencies.recordNanos(latency);
    latenciesByType.computeIfAbsent(body.type(), k -> new Latencies()).recordNanos(latency);
    if (body.jobId() == null) {
      return;
    }
    boolean added =
        typesByEndpointAndJob
            .computeIfAbsent(delivery.path() + " " + body.jobId(), k -> new HashSet<>(4))
            .add(body.type());
    if (added && required.contains(body.type())) {
      requiredReceived++;
    }
    if (isOtherEnd(body.type())) {
      jobsByOtherEnd.computeIfAbsent(body.type(), k -> new HashSet<>()).add(body.jobId());
    }
  }

  /**
   * A terminal event other than {@code job.completed}: the job failed, was cancelled or expired.
   */
  private static boolean isOtherEnd(String type) {
    return type.equals("job.failed") || type.equals("job.cancelled") || type.equals("job.expired");
  }

  private void sample(String problem) {
    if (badSamples.size() < SAMPLES) {
      badSamples.add(problem);
    }
  }

  /**
   * What is missing for these jobs: each endpoint expected needs a delivery of every required type
   * for each job.
   */
  public synchronized Shortfall shortfall(Collection<String> jobIds) {
    long missing = 0;
    List<String> samples = new ArrayList<>();
    for (String path : endpoints.keySet()) {
      for (String jobId : jobIds) {
        Set<String> types = typesByEndpointAndJob.getOrDefault(path + " " + jobId, Set.of());
        for (String type : required) {
          if (!types.contains(type)) {
            missing++;
            if (samples.size() < SAMPLES) {
              samples.add(type + " of " + jobId + " to " + path);
            }
          }
        }
      }
    }
    Set<String> known = new HashSet<>(jobIds);
    long unexpectedJobs =
        typesByEndpointAndJob.keySet().stream()
            .map(key -> key.substring(key.indexOf(' ') + 1))
            .filter(job -> !known.contains(job))
            .distinct()
            .count();
    return new Shortfall(missing, List.copyOf(samples), unexpectedJobs);
  }

  /**
   * What a ledger lacks for a set of jobs.
   *
   * @param missing required deliveries not received (job × endpoint × type)
   * @param samples a few of them, e.g. {@code job.completed of job_... to /e3}
   * @param unexpectedJobs jobs outside the set that deliveries were about
   */
  public record Shortfall(long missing, List<String> samples, long unexpectedJobs) {}

  /** Distinct deliveries received, verified and readable. */
  public synchronized long unique() {
    return unique;
  }

  /** Distinct deliveries of the required types, of any job. */
  public synchronized long requiredReceived() {
    return requiredReceived;
  }

  /** Receipts of an (endpoint, {@code webhook-id}) already received. */
  public synchronized long duplicates() {
    return duplicates;
  }

  /** Deliveries whose signature did not verify with their endpoint's secret. */
  public synchronized long badSignatures() {
    return badSignatures;
  }

  /** Verified deliveries whose body was not a readable event. */
  public synchronized long malformed() {
    return malformed;
  }

  /** Deliveries to a path no endpoint was registered with. */
  public synchronized long strays() {
    return strays;
  }

  /** A few bad signatures or bodies, for a problem's message. */
  public synchronized List<String> badSamples() {
    return List.copyOf(badSamples);
  }

  /** Jobs that ended other than completed, by event type (job.failed: 2). */
  public synchronized Map<String, Integer> otherEnds() {
    Map<String, Integer> counts = new TreeMap<>();
    jobsByOtherEnd.forEach((type, jobs) -> counts.put(type, jobs.size()));
    return counts;
  }

  /** Event timestamp → receipt of every distinct delivery. */
  public Latencies latencies() {
    return latencies;
  }

  /** Event timestamp → receipt of the distinct deliveries of one event type (empty: none). */
  public synchronized Latencies latencies(String type) {
    return latenciesByType.getOrDefault(type, new Latencies());
  }

  /** {@link System#nanoTime()} of the first distinct delivery, or {@code fallback} before it. */
  public synchronized long firstNanos(long fallback) {
    return unique == 0 ? fallback : firstNanos;
  }

  /** {@link System#nanoTime()} of the last distinct delivery, or {@code fallback} before any. */
  public synchronized long lastNanos(long fallback) {
    return unique == 0 ? fallback : lastNanos;
  }
}
