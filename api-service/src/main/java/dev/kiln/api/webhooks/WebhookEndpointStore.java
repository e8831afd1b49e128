package dev.kiln.api.webhooks;

import io.smallrye.mutiny.Uni;
import io.vertx.core.buffer.Buffer;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The one owner of {@code webhook_endpoints}: every statement on it, always scoped to the tenant
 * (another tenant's endpoint is not found).
 */
@ApplicationScoped
public class WebhookEndpointStore {

  private static final String COLUMNS = WebhookEndpoint.COLUMNS;
  private static final String INSERT =
      "insert into webhook_endpoints (id, tenant_id, url, description, events, include_result,"
          + " secret) values ($1, $2, $3, $4, $5, $6, $7) returning "
          + COLUMNS;
  private static final String FIND =
      "select " + COLUMNS + " from webhook_endpoints where id = $1 and tenant_id = $2";
  private static final String LIST =
      "select "
          + COLUMNS
          + " from webhook_endpoints where tenant_id = $1"
          + " and ($2::text is null or id < $2) order by id desc limit $3";

  /** Changes the given fields; enabling clears the reason and the failure clock. */
  private static final String UPDATE =
      """
      update webhook_endpoints set
        url = coalesce($3, url),
        description = coalesce($4, description),
        events = coalesce($5, events),
        include_result = coalesce($6, include_result),
        disabled_reason = case when $7 is true then null
                               when $7 is false and enabled then 'disabled by the account'
                               else disabled_reason end,
        failing_since = case when $7 is true then null else failing_since end,
        enabled = coalesce($7, enabled),
        updated_at = now()
      where id = $1 and tenant_id = $2
      returning\s"""
          + COLUMNS;

  /** Pending deliveries of an endpoint turned off fail at once, visibly, instead of waiting. */
  private static final String FAIL_PENDING_OF_DISABLED =
      """
      update webhook_deliveries set status = 'failed', next_attempt_at = null,
             final_error = 'endpoint disabled', updated_at = now()
      where endpoint_id = $1 and status = 'pending'
        and exists (select 1 from webhook_endpoints where id = $1 and not enabled)
      """;

  private static final String DELETE =
      "delete from webhook_endpoints where id = $1 and tenant_id = $2 returning id";
  private static final String ROTATE =
      """
      update webhook_endpoints set previous_secret = secret, secret = $3,
             previous_secret_expires_at = now() + make_interval(secs => $4), updated_at = now()
      where id = $1 and tenant_id = $2
      returning\s"""
          + COLUMNS;

  private final Pool pool;

  public WebhookEndpointStore(Pool pool) {
    this.pool = pool;
  }

  Uni<WebhookEndpoint> insert(
      String id,
      String tenantId,
      String url,
      String description,
      List<String> events,
      boolean includeResult,
      byte[] encryptedSecret) {
    return pool.preparedQuery(INSERT)
        .execute(
            Tuple.from(
                Arrays.asList(
                    id,
                    tenantId,
                    url,
                    description,
                    events.toArray(String[]::new),
                    includeResult,
                    Buffer.buffer(encryptedSecret))))
        .map(WebhookEndpointStore::single);
  }

  /** The endpoint, or null when missing or another tenant's. */
  Uni<WebhookEndpoint> find(String tenantId, String id) {
    return pool.preparedQuery(FIND)
        .execute(Tuple.of(id, tenantId))
        .map(WebhookEndpointStore::single);
  }

  /** Up to {@code limit} endpoints older than {@code before} (null: from the newest). */
  Uni<List<WebhookEndpoint>> list(String tenantId, String before, int limit) {
    return pool.preparedQuery(LIST)
        .execute(Tuple.of(tenantId, before, limit))
        .map(
            rows -> {
              List<WebhookEndpoint> endpoints = new ArrayList<>(rows.size());
              rows.forEach(row -> endpoints.add(WebhookEndpoint.of(row)));
              return endpoints;
            });
  }

  /** Changes the non-null fields; returns the endpoint, or null when not the tenant's. */
  Uni<WebhookEndpoint> update(String tenantId, String id, WebhookEndpointRequest change) {
    Tuple params =
        Tuple.from(
            Arrays.asList(
                id,
                tenantId,
                change.url(),
                change.description(),
                change.events() == null ? null : change.events().toArray(String[]::new),
                change.includeResult(),
                change.enabled()));
    return pool.withTransaction(
        connection ->
            connection
                .preparedQuery(UPDATE)
                .execute(params)
                .map(WebhookEndpointStore::single)
                .call(
                    endpoint ->
                        endpoint == null || endpoint.enabled()
                            ? Uni.createFrom().voidItem()
                            : connection
                                .preparedQuery(FAIL_PENDING_OF_DISABLED)
                                .execute(Tuple.of(id))));
  }

  /** Deletes the endpoint with its deliveries; false when it is not the tenant's. */
  Uni<Boolean> delete(String tenantId, String id) {
    return pool.preparedQuery(DELETE).execute(Tuple.of(id, tenantId)).map(rows -> rows.size() > 0);
  }

  /** Makes {@code encryptedSecret} current; the old one keeps signing for {@code overlap}. */
  Uni<WebhookEndpoint> rotate(
      String tenantId, String id, byte[] encryptedSecret, Duration overlap) {
    return pool.preparedQuery(ROTATE)
        .execute(
            Tuple.of(id, tenantId, Buffer.buffer(encryptedSecret), (double) overlap.toSeconds()))
        .map(WebhookEndpointStore::single);
  }

  private static WebhookEndpoint single(RowSet<Row> rows) {
    return rows.size() == 0 ? null : WebhookEndpoint.of(rows.iterator().next());
  }
}
