package dev.kiln.api.events;

import static dev.kiln.api.support.Api.asTenant;
import static org.assertj.core.api.Assertions.assertThat;

import dev.kiln.infra.KilnTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Events and finished deliveries past the retention (7 days) go; what is still needed stays. */
@QuarkusTest
@QuarkusTestResource(value = KilnTestResource.class, restrictToAnnotatedClass = false)
class EventRetentionTest {

  private static final Duration WAIT = Duration.ofSeconds(10);

  @Inject Pool pool;
  @Inject EventRetention retention;

  @Test
  void oldEventsAndFinishedDeliveriesAreDeletedAndPendingOnesKept() {
    String tenant = asTenant().get("/v1/account").then().extract().path("id");
    long old = event(tenant, "8 days");
    long oldButNeeded = event(tenant, "8 days");
    long recent = event(tenant, "1 day");
    String finished = delivery(tenant, old, "succeeded", "8 days");
    String pending = delivery(tenant, oldButNeeded, "pending", "8 days");

    retention.clean().await().atMost(WAIT);

    assertThat(
            existing(
                "select seq::text as id from events where seq = any($1)",
                old,
                oldButNeeded,
                recent))
        .containsExactlyInAnyOrder(Long.toString(oldButNeeded), Long.toString(recent));
    assertThat(existingDeliveries(finished, pending)).containsExactly(pending);
  }

  private long event(String tenant, String age) {
    return pool.preparedQuery(
            "insert into events (tenant_id, type, data, created_at)"
                + " values ($1, 'webhook.test', '{}'::jsonb, now() - $2::text::interval)"
                + " returning seq")
        .execute(Tuple.of(tenant, age))
        .await()
        .atMost(WAIT)
        .iterator()
        .next()
        .getLong("seq");
  }

  private String delivery(String tenant, long seq, String status, String age) {
    return pool.preparedQuery(
            "insert into webhook_deliveries (tenant_id, event_seq, event_id, event_type, url,"
                + " status, next_attempt_at, updated_at)"
                + " select $1, seq, id, type, 'http://127.0.0.1:9/', $3,"
                + "   case when $3 = 'pending' then now() + interval '1 hour' end,"
                + "   now() - $4::text::interval"
                + " from events where seq = $2 returning id")
        .execute(Tuple.of(tenant, seq, status, age))
        .await()
        .atMost(WAIT)
        .iterator()
        .next()
        .getString("id");
  }

  private List<String> existing(String sql, long... seqs) {
    Long[] boxed = java.util.Arrays.stream(seqs).boxed().toArray(Long[]::new);
    return pool.preparedQuery(sql).execute(Tuple.of(boxed)).await().atMost(WAIT).stream()
        .map(row -> row.getString("id"))
        .toList();
  }

  private List<String> existingDeliveries(String... ids) {
    return pool
        .preparedQuery("select id from webhook_deliveries where id = any($1)")
        .execute(Tuple.of(ids))
        .await()
        .atMost(WAIT)
        .stream()
        .map(row -> row.getString("id"))
        .toList();
  }
}
