package dev.kiln.e2e.drills;

import com.fasterxml.jackson.databind.JsonNode;
import dev.kiln.e2e.KilnStack;
import dev.kiln.e2e.drills.DrillClient.Answer;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * A metered account of its own for one drill, made through the admin API as an operator would: a
 * tenant without a rate limit, an API key and enough credits. Its ledger tells how often each job
 * was charged; its jobs and events are the drill's alone.
 */
final class DrillAccount {

  private static final Duration TIMEOUT = Duration.ofSeconds(30);

  private final DrillClient client;

  private DrillAccount(DrillClient client) {
    this.client = client;
  }

  /**
   * @param credits granted at once: at least the cost of every job the drill will submit
   */
  static DrillAccount create(URI api, String drill, long credits) {
    DrillClient admin = new DrillClient(api, KilnStack.ADMIN_KEY, TIMEOUT);
    String tenant =
        expect(admin.post("/v1/admin/tenants", "{\"name\": \"drill " + drill + "\"}"), 201)
            .path("id")
            .asText();
    String base = "/v1/admin/tenants/" + tenant;
    expect(admin.patch(base + "/limits", "{\"rate_limit_per_second\": 0}"), 200);
    String key =
        expect(admin.post(base + "/keys", "{\"name\": \"drill\"}"), 201).path("key").asText();
    expect(
        admin.post(
            base + "/credits",
            "{\"amount\": %d, \"note\": \"fault drill %s\"}".formatted(credits, drill)),
        200);
    return new DrillAccount(new DrillClient(api, key, TIMEOUT));
  }

  /** A client of the account, waiting at most 30 s for each answer. */
  DrillClient client() {
    return client;
  }

  /** The kinds of the job's ledger entries, oldest first: {@code [reserve, charge]}. */
  List<String> ledger(String jobId) {
    JsonNode entries = expect(client.get("/v1/account/ledger?limit=100&job_id=" + jobId), 200);
    List<String> kinds = new ArrayList<>();
    for (JsonNode entry : entries.path("data")) {
      kinds.addFirst(entry.path("kind").asText()); // the ledger lists newest first
    }
    return kinds;
  }

  /** The body of an answer that must have {@code status}; anything else stops the drill. */
  static JsonNode expect(Answer answer, int status) {
    if (!answer.is(status)) {
      throw new IllegalStateException(
          "expected " + status + ", got " + answer.describe() + ": " + answer.body());
    }
    return answer.body();
  }
}
