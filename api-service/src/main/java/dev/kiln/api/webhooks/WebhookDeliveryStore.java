package dev.kiln.api.webhooks;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.kiln.api.events.EventType;
import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The delivery log as the account sees it: lists, one delivery with its attempts, a manual
 * redelivery and a test event; always scoped to the tenant. Sending is {@link DeliveryQueue}'s.
 */
@ApplicationScoped
public class WebhookDeliveryStore {

  private static final String COLUMNS = WebhookDeliveryView.COLUMNS;
  private static final String BY_ENDPOINT =
      "select "
          + COLUMNS
          + " from webhook_deliveries where tenant_id = $1 and endpoint_id = $2"
          + " and ($3::text is null or status = $3) and ($4::text is null or id < $4)"
          + " order by id desc limit $5";
  private static final String BY_JOB =
      "select "
          + COLUMNS
          + " from webhook_deliveries where tenant_id = $1 and job_id = $2"
          + " and ($3::text is null or status = $3) and ($4::text is null or id < $4)"
          + " order by id desc limit $5";
  private static final String ONE =
      "select " + COLUMNS + " from webhook_deliveries where tenant_id = $1 and id = $2";
  private static final String ATTEMPTS =
      "select delivery_id, number, attempted_at, status_code, duration_ms, error, response_excerpt"
          + " from webhook_attempts where delivery_id = any($1) order by delivery_id, number";

  /**
   * One more attempt, now, for a finished delivery whose event is still kept and whose endpoint (if
   * any) is enabled; a pending one is left as it is. Answers why not, or the delivery.
   */
  private static final String REDELIVER =
      """
      with target as (
        select d.id, d.status,
               exists (select 1 from events ev where ev.seq = d.event_seq) as event_kept,
               coalesce((select e.enabled from webhook_endpoints e where e.id = d.endpoint_id), true)
                 as endpoint_enabled
        from webhook_deliveries d where d.tenant_id = $1 and d.id = $2 for update),
      again as (
        update webhook_deliveries d set status = 'pending', next_attempt_at = now(),
               max_attempts = d.attempts + 1, final_error = null, updated_at = now()
        from target t
        where d.id = t.id and t.status <> 'pending' and t.event_kept and t.endpoint_enabled
        returning d.id)
      select t.event_kept, t.endpoint_enabled from target t
      """;

  private static final String TEST =
      """
      with ev as (
        insert into events (tenant_id, type, data) values ($1, $3, $4) returning seq, id)
      insert into webhook_deliveries (tenant_id, event_seq, event_id, event_type, endpoint_id, url,
                                      max_attempts, next_attempt_at)
      select $1, ev.seq, ev.id, $3, $2, $5, 1, now() from ev
      returning\s"""
          + COLUMNS;

  private final Pool pool;
  private final ObjectMapper json;

  public WebhookDeliveryStore(Pool pool, ObjectMapper json) {
    this.pool = pool;
    this.json = json;
  }

  Uni<List<WebhookDeliveryView>> byEndpoint(
      String tenantId, String endpointId, String status, String before, int limit) {
    return withAttempts(
        pool.preparedQuery(BY_ENDPOINT)
            .execute(Tuple.from(Arrays.asList(tenantId, endpointId, status, before, limit))));
  }

  Uni<List<WebhookDeliveryView>> byJob(
      String tenantId, String jobId, String status, String before, int limit) {
    return withAttempts(
        pool.preparedQuery(BY_JOB)
            .execute(Tuple.from(Arrays.asList(tenantId, jobId, status, before, limit))));
  }

  /** The delivery with its attempts, or null when missing or another tenant's. */
  Uni<WebhookDeliveryView> find(String tenantId, String id) {
    return withAttempts(pool.preparedQuery(ONE).execute(Tuple.of(tenantId, id)))
        .map(found -> found.isEmpty() ? null : found.getFirst());
  }

  /** Asks for one more attempt; see {@link #REDELIVER}. Null when not the tenant's. */
  Uni<Redelivery> redeliver(String tenantId, String id) {
    return pool.withTransaction(
        connection ->
            connection
                .preparedQuery(REDELIVER)
                .execute(Tuple.of(tenantId, id))
                .map(
                    rows -> {
                      if (rows.size() == 0) {
                        return null;
                      }
                      Row row = rows.iterator().next();
                      return new Redelivery(
                          row.getBoolean("event_kept"), row.getBoolean("endpoint_enabled"));
                    }));
  }

  /** Whether a redelivery could be made. */
  record Redelivery(boolean eventKept, boolean endpointEnabled) {}

  /** Records a {@code webhook.test} event and its one delivery to the endpoint. */
  Uni<WebhookDeliveryView> createTest(
      String tenantId, WebhookEndpoint endpoint, WebhookTestData data) {
    JsonObject payload = new JsonObject(json.convertValue(data, Map.class));
    return pool.preparedQuery(TEST)
        .execute(
            Tuple.of(
                tenantId, endpoint.id(), EventType.WEBHOOK_TEST.wire(), payload, endpoint.url()))
        .map(rows -> WebhookDeliveryView.of(rows.iterator().next(), List.of()));
  }

  private Uni<List<WebhookDeliveryView>> withAttempts(Uni<RowSet<Row>> deliveries) {
    return deliveries.chain(
        rows -> {
          List<Row> found = new ArrayList<>(rows.size());
          rows.forEach(found::add);
          if (found.isEmpty()) {
            return Uni.createFrom().item(List.<WebhookDeliveryView>of());
          }
          String[] ids = found.stream().map(r -> r.getString("id")).toArray(String[]::new);
          return pool.preparedQuery(ATTEMPTS)
              .execute(Tuple.of(ids))
              .map(
                  attemptRows -> {
                    Map<String, List<WebhookDeliveryView.Attempt>> byDelivery = new HashMap<>();
                    attemptRows.forEach(
                        a ->
                            byDelivery
                                .computeIfAbsent(a.getString("delivery_id"), k -> new ArrayList<>())
                                .add(WebhookDeliveryView.Attempt.of(a)));
                    return found.stream()
                        .map(
                            r ->
                                WebhookDeliveryView.of(
                                    r, byDelivery.getOrDefault(r.getString("id"), List.of())))
                        .toList();
                  });
        });
  }
}
