package dev.kiln.api.lanes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.kiln.api.support.Submits;
import dev.kiln.api.support.Tenants;
import dev.kiln.api.support.TestFleet;
import dev.kiln.infra.KilnTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The order of work with the production dispatch window, a fleet of 4 slots playing the workers:
 * priorities overtake a tenant's backlog, tenants take turns, positions fall and estimates hold.
 */
@QuarkusTest
@TestProfile(LanesProfile.class)
@QuarkusTestResource(value = KilnTestResource.class, restrictToAnnotatedClass = false)
class LanesTest {

  private static final int SLOTS = 4;

  @Inject Pool pool;

  @BeforeEach
  void quietTheQueue() {
    // Other classes' jobs, which no worker ever started, would hold the window; their completed
    // jobs, with made-up times, would count in the recent rate and processing times.
    pool.query(
            """
            update jobs set status = 'cancelled', completed_at = now() where status = 'queued';
            update jobs set completed_at = completed_at - interval '1 day'
            where status = 'completed' and completed_at > now() - interval '1 day'
            """)
        .execute()
        .await()
        .indefinitely();
  }

  @Test
  void aHighPriorityJobOvertakesItsTenantsLowBacklog() throws Exception {
    Tenants.Account account = Tenants.create(pool, null, null);
    String media = Submits.upload(account.request());
    List<String> lows = submitMany(account, media, "low", 500);
    String high =
        Submits.resize(account.request(), media, "high")
            .then()
            .statusCode(202)
            .extract()
            .path("id");

    try (TestFleet fleet = new TestFleet(pool, SLOTS, Duration.ofMillis(30))) {
      Instant highDispatched = awaitDispatched(high);
      long lowsBefore = dispatchedBefore(lows, highDispatched);
      assertThat(lowsBefore).isLessThanOrEqualTo(lows.size() / 10);
    }
  }

  @Test
  void anotherTenantsJobIsNotDelayedByABurst() throws Exception {
    Tenants.Account bursty = Tenants.create(pool, null, null);
    Tenants.Account quiet = Tenants.create(pool, null, null);
    String media = Submits.upload(bursty.request());
    String quietMedia = Submits.upload(quiet.request());
    try (TestFleet fleet = new TestFleet(pool, SLOTS, Duration.ofMillis(50))) {
      List<String> burst = submitMany(bursty, media, null, 500);
      Instant submitted = Instant.now();
      String single =
          Submits.resize(quiet.request(), quietMedia, null)
              .then()
              .statusCode(202)
              .extract()
              .path("id");
      Instant dispatched = awaitDispatched(single);
      // Before it: the window (a job per running job, at least 2) and the running jobs, and the
      // turn of the round that was running when it arrived.
      long burstAfterSubmit = dispatchedBetween(burst, submitted, dispatched);
      assertThat(burstAfterSubmit).isLessThanOrEqualTo(SLOTS + SLOTS + 2);
    }
  }

  @Test
  void positionsFallAndEstimatesHoldOnSteadyLoad() throws Exception {
    Tenants.Account account = Tenants.create(pool, null, null);
    String media = Submits.upload(account.request());
    Duration work = Duration.ofMillis(400);
    try (TestFleet fleet = new TestFleet(pool, SLOTS, work)) {
      // Warm up: a steady stream whose completions give the rate and the processing time.
      List<String> warmUp = submitMany(account, media, null, 40);
      awaitFinished(warmUp.getLast());

      List<String> jobs = submitMany(account, media, null, 100);
      String last = jobs.getLast();
      JsonPath first = account.request().get("/v1/jobs/" + last).jsonPath();
      Instant asked = Instant.now();
      int position = first.getInt("queue_position");
      int estimate = first.getInt("estimated_time_seconds");
      assertThat(position).isGreaterThan(20);

      Thread.sleep(1_000);
      int later = account.request().get("/v1/jobs/" + last).path("queue_position");
      assertThat(later).isLessThan(position);

      awaitFinished(last);
      double actual = Duration.between(asked, Instant.now()).toMillis() / 1000.0;
      assertThat(estimate / actual).isBetween(0.5, 2.0);
    }
  }

  private List<String> submitMany(Tenants.Account account, String media, String priority, int n)
      throws Exception {
    List<String> ids = new ArrayList<>();
    for (int done = 0; done < n; done += 25) {
      var batch =
          Submits.atOnce(
              Math.min(25, n - done), () -> Submits.resize(account.request(), media, priority));
      batch.forEach(r -> ids.add(r.then().statusCode(202).extract().path("id")));
    }
    return ids;
  }

  private Instant awaitDispatched(String id) {
    return await().atMost(Duration.ofSeconds(60)).until(() -> dispatchedAt(id), at -> at != null);
  }

  private void awaitFinished(String id) {
    await()
        .atMost(Duration.ofSeconds(60))
        .pollInterval(Duration.ofMillis(50))
        .until(
            () ->
                pool.preparedQuery("select status from jobs where id = $1")
                    .execute(Tuple.of(id))
                    .await()
                    .indefinitely()
                    .iterator()
                    .next()
                    .getString("status"),
            "completed"::equals);
  }

  private Instant dispatchedAt(String id) {
    var row =
        pool.preparedQuery("select dispatched_at from jobs where id = $1")
            .execute(Tuple.of(id))
            .await()
            .indefinitely()
            .iterator()
            .next();
    var at = row.getOffsetDateTime("dispatched_at");
    return at == null ? null : at.toInstant();
  }

  private long dispatchedBefore(List<String> ids, Instant before) {
    return count(
        "select count(*) from jobs where id = any($1) and dispatched_at < $2",
        Tuple.of(ids.toArray(String[]::new), before.atOffset(java.time.ZoneOffset.UTC)));
  }

  private long dispatchedBetween(List<String> ids, Instant from, Instant to) {
    return count(
        "select count(*) from jobs where id = any($1) and dispatched_at > $2 and dispatched_at < $3",
        Tuple.of(
            ids.toArray(String[]::new),
            from.atOffset(java.time.ZoneOffset.UTC),
            to.atOffset(java.time.ZoneOffset.UTC)));
  }

  private long count(String sql, Tuple args) {
    return pool.preparedQuery(sql)
        .execute(args)
        .await()
        .indefinitely()
        .iterator()
        .next()
        .getLong(0);
  }
}
