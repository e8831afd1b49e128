package dev.kiln.bench.workloads;

import dev.kiln.bench.RunResult;
import dev.kiln.bench.client.webhooks.DeliveryLedger;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * What every delivery part checks: each job's queued, processing and completed events reached each
 * endpoint once, correctly signed. Lost, duplicate, badly signed and misdirected deliveries and
 * jobs that did not complete are a run's problems (a late delivery is not: it is waited for).
 */
final class DeliveryChecks {

  /** The deliveries every tiny job gives each endpoint at least ({@code job.progress} may add). */
  static final List<String> REQUIRED = List.of("job.queued", "job.processing", "job.completed");

  private DeliveryChecks() {}

  /** Adds the counts of duplicate, badly signed and missing deliveries, and their problems. */
  static void add(
      RunResult result, String part, DeliveryLedger ledger, List<String> jobs, Duration stall) {
    DeliveryLedger.Shortfall shortfall = ledger.shortfall(jobs);
    long bad = ledger.badSignatures() + ledger.malformed();
    result
        .count(part + "duplicates", ledger.duplicates())
        .count(part + "bad signatures or bodies", bad)
        .count(part + "missing", shortfall.missing());
    if (shortfall.missing() > 0) {
      result.problem(
          "%s%d deliveries lost: not received when none had arrived for %d s, e.g. %s"
              .formatted(part, shortfall.missing(), stall.toSeconds(), shortfall.samples()));
    }
    if (ledger.duplicates() > 0) {
      result.problem(
          "%s%d duplicate deliveries (an endpoint got the same webhook-id again)"
              .formatted(part, ledger.duplicates()));
    }
    if (bad > 0) {
      result.problem(
          "%s%d deliveries failed verification (%d) or had an unreadable body (%d), e.g. %s"
              .formatted(
                  part, bad, ledger.badSignatures(), ledger.malformed(), ledger.badSamples()));
    }
    if (ledger.strays() > 0) {
      result.problem(
          "%s%d deliveries came to a path no endpoint was registered with"
              .formatted(part, ledger.strays()));
    }
    Map<String, Integer> otherEnds = ledger.otherEnds();
    if (!otherEnds.isEmpty()) {
      result.problem(part + "jobs not completed: " + otherEnds);
    }
  }
}
