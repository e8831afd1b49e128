package dev.kiln.client;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kiln.client.jobs.Job;
import dev.kiln.client.jobs.JobQuery;
import java.time.Instant;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class PagesTest {

  @Test
  void listAllFollowsTheCursorsWithTheFiltersOnEveryPage() throws Exception {
    try (TestServer server = new TestServer()) {
      server
          .thenJson(
              200,
              page(
                  "job_b",
                  Fixtures.job("job_c", "completed", 100, "done"),
                  Fixtures.job("job_b", "failed", 100, "failed")))
          .thenJson(200, page(null, Fixtures.job("job_a", "completed", 100, "done")));
      JobQuery query =
          JobQuery.ALL
              .withStatus("completed", "failed")
              .withPreset("sticker")
              .createdAfter(Instant.parse("2026-01-01T00:00:00Z"))
              .withLimit(2);

      List<Job> jobs = server.client().jobs().listAll(query).items().collect(Collectors.toList());

      assertThat(jobs).extracting(Job::id).containsExactly("job_c", "job_b", "job_a");
      assertThat(jobs.get(0).metadata().path("order").asInt()).isEqualTo(42);
      assertThat(jobs.get(0).progress().percentage()).isEqualTo(100);
      assertThat(jobs.get(0).createdAt()).isEqualTo(Instant.parse("2026-01-31T12:00:00Z"));
      assertThat(server.received())
          .extracting(TestServer.Received::uri)
          .containsExactly(
              "/v1/jobs?status=completed%2Cfailed&preset=sticker&created_after=2026-01-01T00%3A00%3A00Z&limit=2",
              "/v1/jobs?status=completed%2Cfailed&preset=sticker&created_after=2026-01-01T00%3A00%3A00Z&limit=2&cursor=job_b");
    }
  }

  private static String page(String next, String... jobs) {
    return "{\"object\": \"list\", \"data\": ["
        + String.join(",", jobs)
        + "], \"next_cursor\": "
        + (next == null ? "null" : "\"" + next + "\"")
        + ", \"missing\": []}";
  }
}
