package dev.kiln.e2e.drills;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Audits a drill's jobs after the fault, as their owner can: each job's final state, its credit
 * ledger and its terminal events in the account's event record.
 *
 * <ul>
 *   <li>lost: a job answered 202 that the API does not know, or that is still queued or processing
 *       when no job of the drill has finished for {@link #PATIENCE};
 *   <li>charged twice: a job with more than one reservation or more than one charge; any other
 *       ledger than {@code [reserve, charge]} for a completed job or {@code [reserve, refund]} for
 *       a failed one is a problem too;
 *   <li>completed twice: a job with more than one terminal event ({@code job.completed}, {@code
 *       job.failed}, ...); a finished job without one is a problem.
 * </ul>
 */
final class DrillAudit {

  /** Longer than a worker's restart and the Kafka group's session timeout together. */
  static final Duration PATIENCE = Duration.ofSeconds(90);

  private DrillAudit() {}

  /**
   * @param sentinel runs one more job to its end after the drill's and answers its id, or throws
   *     {@link IllegalStateException} when it does not complete
   * @param mark the id of an event older than the drill's jobs
   */
  static void audit(
      DrillTally tally,
      DrillAccount account,
      List<String> accepted,
      Supplier<String> sentinel,
      String mark)
      throws InterruptedException {
    Map<String, JsonNode> jobs = JobOutcomes.awaitTerminal(account.client(), accepted, PATIENCE);
    for (String id : accepted) {
      JsonNode job = jobs.get(id);
      outcome(tally, id, job);
      if (job != null && JobOutcomes.isTerminal(job)) {
        ledger(tally, id, job.path("status").asText(), account.ledger(id));
      }
    }
    Map<String, Integer> terminalEvents;
    try {
      terminalEvents = TerminalEvents.countAfter(account.client(), mark, sentinel.get());
    } catch (IllegalStateException e) {
      tally.problem("the terminal events could not be counted: " + e.getMessage());
      return;
    }
    for (String id : accepted) {
      int events = terminalEvents.getOrDefault(id, 0);
      JsonNode job = jobs.get(id);
      if (events > 1) {
        tally.completedTwice();
        tally.problem("job " + id + " has " + events + " terminal events");
      } else if (events == 0 && job != null && JobOutcomes.isTerminal(job)) {
        tally.problem(
            "job " + id + " is " + job.path("status").asText() + " without a terminal event");
      }
    }
  }

  private static void outcome(DrillTally tally, String id, JsonNode job) {
    if (job == null) {
      tally.lost();
      tally.problem("job " + id + " is unknown to the API");
      return;
    }
    if (job.path("attempt").asInt() > 1) {
      tally.reattempted();
    }
    String status = job.path("status").asText();
    switch (status) {
      case "completed" -> tally.completed();
      case "failed" -> {
        JsonNode error = job.path("error");
        tally.failed(
            error.path("code").asText()
                + (error.path("retryable").asBoolean() ? " (retryable)" : ""));
      }
      case "queued", "processing" -> {
        tally.lost();
        tally.problem("job " + id + " is still " + status + ": " + job.path("progress"));
      }
      default -> {
        tally.failed(status);
        tally.problem("job " + id + " is " + status);
      }
    }
  }

  private static void ledger(DrillTally tally, String id, String status, List<String> kinds) {
    if (Collections.frequency(kinds, "reserve") > 1 || Collections.frequency(kinds, "charge") > 1) {
      tally.chargedTwice();
    }
    List<String> expected =
        "completed".equals(status) ? List.of("reserve", "charge") : List.of("reserve", "refund");
    if (!kinds.equals(expected)) {
      tally.problem(
          "job " + id + " is " + status + " with the ledger " + kinds + ", not " + expected);
    }
  }
}
