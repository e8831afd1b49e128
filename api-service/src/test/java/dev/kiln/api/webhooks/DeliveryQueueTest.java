package dev.kiln.api.webhooks;

import static dev.kiln.api.support.Api.asTenant;
import static org.assertj.core.api.Assertions.assertThat;

import dev.kiln.api.events.EventRecord;
import dev.kiln.api.events.EventType;
import dev.kiln.api.support.Webhooks;
import dev.kiln.infra.KilnTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Recording attempts' outcomes while endpoints change under them. */
@QuarkusTest
@QuarkusTestResource(value = KilnTestResource.class, restrictToAnnotatedClass = false)
class DeliveryQueueTest {

  private static final Duration WAIT = Duration.ofSeconds(10);

  @Inject Pool pool;
  @Inject DeliveryQueue queue;
  @Inject RetryPolicy retries;

  @Test
  void anOutcomeOfADeletedEndpointDoesNotSinkTheOthersOfItsBatch() {
    String tenant = asTenant().get("/v1/account").then().extract().path("id");
    String deleted =
        Webhooks.createEndpoint("http://127.0.0.1:9/a", List.of("job.completed")).getString("id");
    String kept =
        Webhooks.createEndpoint("http://127.0.0.1:9/b", List.of("job.completed")).getString("id");
    ClaimedDelivery gone = claimedBy(tenant, deleted);
    ClaimedDelivery alive = claimedBy(tenant, kept);
    asTenant().delete("/v1/webhook-endpoints/" + deleted).then().statusCode(204);

    Instant now = Instant.now();
    queue
        .record(
            List.of(
                retries.decide(gone, now, Duration.ofMillis(5), 200, null, "", null),
                retries.decide(alive, now, Duration.ofMillis(5), 200, null, "", null)),
            Duration.ofDays(5))
        .await()
        .atMost(WAIT);

    assertThat(status(alive.id())).isEqualTo("succeeded");
    assertThat(status(gone.id())).isNull();
    asTenant().delete("/v1/webhook-endpoints/" + kept).then().statusCode(204);
  }

  /** A delivery to the endpoint as a dispatcher holds it after claiming its first attempt. */
  private ClaimedDelivery claimedBy(String tenant, String endpoint) {
    var row =
        pool.preparedQuery(
                """
                with ev as (
                  insert into events (tenant_id, type, data) values ($1, 'webhook.test', '{}')
                  returning seq, id, created_at)
                insert into webhook_deliveries (tenant_id, event_seq, event_id, event_type,
                                                endpoint_id, url, attempts, next_attempt_at)
                select $1, ev.seq, ev.id, 'webhook.test', $2, 'http://127.0.0.1:9/', 1,
                       now() + interval '1 hour'
                from ev returning id, event_seq, event_id""")
            .execute(Tuple.of(tenant, endpoint))
            .await()
            .atMost(WAIT)
            .iterator()
            .next();
    EventRecord event =
        new EventRecord(
            row.getLong("event_seq"),
            row.getString("event_id"),
            tenant,
            null,
            EventType.WEBHOOK_TEST,
            null,
            new JsonObject(),
            Instant.now());
    return new ClaimedDelivery(
        row.getString("id"),
        tenant,
        1,
        null,
        endpoint,
        "http://127.0.0.1:9/",
        true,
        false,
        endpoint,
        new byte[0],
        null,
        null,
        event,
        null);
  }

  private String status(String delivery) {
    var rows =
        pool.preparedQuery("select status from webhook_deliveries where id = $1")
            .execute(Tuple.of(delivery))
            .await()
            .atMost(WAIT);
    return rows.size() == 0 ? null : rows.iterator().next().getString("status");
  }
}
