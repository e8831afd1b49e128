package dev.kiln.bench.workloads;

import dev.kiln.bench.RunResult;
import dev.kiln.bench.client.sse.StreamLedger;
import dev.kiln.bench.report.Latencies;
import java.time.Duration;
import java.util.Collection;

/**
 * What every part of {@code streams} checks and reports of a {@link StreamLedger}: the events each
 * stream owed were received once each, in order, and nowhere else; and their latencies. Lost,
 * duplicate, out-of-order, stray and unreadable events and jobs that did not complete are a run's
 * problems (a late event is not: it is waited for).
 */
final class StreamChecks {

  private static final long POLL_MILLIS = 20;

  /** After the last terminal event: time for a late duplicate, and for Kiln to end job streams. */
  private static final long SETTLE_MILLIS = 300;

  private StreamChecks() {}

  /**
   * Waits until every stream received the terminal event of each job it owes, or until no event
   * arrived for {@code stall} (since {@code sinceNanos} at the earliest); then a short settle.
   */
  static void awaitEnds(
      StreamLedger ledger, Collection<String> jobs, long sinceNanos, Duration stall)
      throws InterruptedException {
    while (ledger.awaitingEnd(jobs) > 0) {
      long quietSince = Math.max(sinceNanos, ledger.lastReceiptNanos(sinceNanos));
      if (System.nanoTime() - quietSince > stall.toNanos()) {
        break;
      }
      Thread.sleep(POLL_MILLIS);
    }
    Thread.sleep(SETTLE_MILLIS);
  }

  /** The latency percentiles of one event type's live receipts. */
  static void latencies(RunResult result, String part, String type, Latencies latencies) {
    result
        .figure(part + type + " → receipt p50 (ms)", latencies.percentileMillis(50), "%.1f")
        .figure(part + type + " → receipt p95 (ms)", latencies.percentileMillis(95), "%.1f")
        .figure(part + type + " → receipt p99 (ms)", latencies.percentileMillis(99), "%.1f")
        .figure(part + type + " → receipt max (ms)", latencies.maxMillis(), "%.1f");
  }

  /** Adds the counts of expected, received, missing and bad events, and their problems. */
  static void add(
      RunResult result, String part, StreamLedger ledger, Collection<String> jobs, Duration stall) {
    StreamLedger.Shortfall shortfall = ledger.shortfall(jobs);
    long bad = ledger.strays() + ledger.malformed();
    result
        .count(part + "events expected", shortfall.expected())
        .count(part + "events received", shortfall.received())
        .count(part + "missing", shortfall.missing())
        .count(part + "duplicates", ledger.duplicates())
        .count(part + "out of order", ledger.outOfOrder())
        .count(part + "strays or unreadable", bad);
    if (shortfall.missing() > 0) {
      result.problem(
          "%s%d events lost: not received when none had arrived for %d s, e.g. %s"
              .formatted(part, shortfall.missing(), stall.toSeconds(), shortfall.samples()));
    }
    if (ledger.duplicates() > 0) {
      result.problem(
          "%s%d duplicate events (a stream gave the same id for a job again), e.g. %s"
              .formatted(part, ledger.duplicates(), ledger.badSamples()));
    }
    if (ledger.outOfOrder() > 0) {
      result.problem(
          "%s%d events out of order (an id below one given before for the job), e.g. %s"
              .formatted(part, ledger.outOfOrder(), ledger.badSamples()));
    }
    if (bad > 0) {
      result.problem(
          "%s%d events on a stream that does not carry their job (%d) or unreadable (%d), e.g. %s"
              .formatted(part, bad, ledger.strays(), ledger.malformed(), ledger.badSamples()));
    }
    if (!shortfall.otherEnds().isEmpty()) {
      result.problem(part + "jobs not completed: " + shortfall.otherEnds());
    }
  }
}
