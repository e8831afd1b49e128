package dev.kiln.e2e.drills;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The jobs of a drill as the account sees them ({@code GET /v1/jobs?ids=}), read until every one
 * has finished or none has finished for a while.
 */
final class JobOutcomes {

  static final Set<String> TERMINAL = Set.of("completed", "failed", "cancelled", "expired");

  private static final int BATCH = 100;
  private static final Duration POLL = Duration.ofMillis(500);

  private JobOutcomes() {}

  /**
   * Waits until every job is terminal, or until no job has become terminal for {@code patience}.
   *
   * @return the job objects found, by id; a job the API does not know is missing
   */
  static Map<String, JsonNode> awaitTerminal(
      DrillClient client, List<String> ids, Duration patience) throws InterruptedException {
    long lastProgress = System.nanoTime();
    int finished = -1;
    while (true) {
      Map<String, JsonNode> jobs = read(client, ids);
      int terminal = (int) jobs.values().stream().filter(JobOutcomes::isTerminal).count();
      if (terminal == ids.size()) {
        return jobs;
      }
      if (terminal > finished) {
        finished = terminal;
        lastProgress = System.nanoTime();
      } else if (System.nanoTime() - lastProgress > patience.toNanos()) {
        return jobs;
      }
      Thread.sleep(POLL);
    }
  }

  /** The jobs as they are now, by id; a job the API does not know is missing. */
  static Map<String, JsonNode> read(DrillClient client, List<String> ids) {
    Map<String, JsonNode> jobs = new HashMap<>();
    for (int from = 0; from < ids.size(); from += BATCH) {
      String batch = String.join(",", ids.subList(from, Math.min(from + BATCH, ids.size())));
      JsonNode list = DrillAccount.expect(client.get("/v1/jobs?ids=" + batch), 200);
      for (JsonNode job : list.path("data")) {
        jobs.put(job.path("id").asText(), job);
      }
    }
    return jobs;
  }

  static boolean isTerminal(JsonNode job) {
    return TERMINAL.contains(job.path("status").asText());
  }

  static boolean hasStatus(JsonNode job, String status) {
    return status.equals(job.path("status").asText());
  }
}
