package dev.kiln.api.webhooks;

import dev.kiln.api.events.EventRecord;
import dev.kiln.api.media.MediaRow;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;

/**
 * The dispatcher's side of {@code webhook_deliveries}: claiming due deliveries and recording what
 * their attempts gave.
 *
 * <p>A claim is a lease, not a held lock: it takes due rows with {@code FOR UPDATE SKIP LOCKED} (so
 * API replicas never claim the same row together), counts the attempt and moves {@code
 * next_attempt_at} past the attempt's timeout, and commits. If the instance dies mid-attempt, the
 * row is due again when the lease ends and another instance retries it (a receiver may then see the
 * same {@code webhook-id} twice; it never misses one). An outcome is written only while the row
 * still holds the attempt it claimed. Both commit without waiting for the WAL flush: a claim or an
 * outcome lost in a database crash only repeats an attempt.
 */
@ApplicationScoped
public class DeliveryQueue {

  private static final String ASYNC_COMMIT = "set local synchronous_commit = off";

  /**
   * Up to $1 due deliveries, at most $3 per target and none for the targets in $2, oldest due
   * first; the lease is $4 seconds.
   */
  private static final String CLAIM =
      """
      with oldest as (
        select id, coalesce(endpoint_id, url) as target, next_attempt_at from webhook_deliveries
        where status = 'pending' and next_attempt_at <= now()
          and not (coalesce(endpoint_id, url) = any ($2))
        order by next_attempt_at limit $1 * 4),
      ranked as (
        select id, row_number() over (partition by target order by next_attempt_at, id) as nth
        from oldest),
      picked as (
        select d.id from webhook_deliveries d
        where d.id = any (array(select id from ranked where nth <= $3))
          and d.status = 'pending' and d.next_attempt_at <= now()
        order by d.next_attempt_at limit $1
        for update skip locked),
      claimed as (
        update webhook_deliveries d
        set attempts = d.attempts + 1, next_attempt_at = now() + make_interval(secs => $4),
            updated_at = now()
        from picked where d.id = picked.id
        returning d.*)
      select c.id, c.tenant_id, c.attempts, c.max_attempts, c.endpoint_id, c.url,
             e.url as endpoint_url, e.enabled as endpoint_enabled, e.include_result,
             e.secret as endpoint_secret, e.previous_secret as endpoint_previous_secret,
             e.previous_secret_expires_at as endpoint_previous_until,
             t.webhook_secret as tenant_secret, t.webhook_previous_secret as tenant_previous_secret,
             t.webhook_previous_secret_expires_at as tenant_previous_until,
      """
          + EventRecord.COLUMNS
          + ", "
          + MediaRow.COLUMNS
          + """

      from claimed c
      join events ev on ev.seq = c.event_seq
      join tenants t on t.id = c.tenant_id
      left join webhook_endpoints e on e.id = c.endpoint_id
      left join media m on m.id = ev.data ->> 'result_media_id'
      """;

  /**
   * The endpoints of a batch of outcomes, locked first and in id order: every transaction that
   * touches an endpoint and its deliveries (deleting or disabling it, recording outcomes) takes the
   * endpoint before the deliveries, so none waits on another in a circle.
   */
  private static final String LOCK_ENDPOINTS =
      "select id from webhook_endpoints where id = any ($1) order by id for no key update";

  /**
   * An attempt and the delivery's new state; nothing when the delivery is gone (its endpoint was
   * deleted meanwhile), and the state only while the delivery still holds this attempt.
   */
  private static final String RECORD =
      """
      with attempt as (
        insert into webhook_attempts (delivery_id, number, attempted_at, status_code, duration_ms,
                                      error, response_excerpt)
        select $1, $2, $3, $4, $5, $6, $7
        where exists (select 1 from webhook_deliveries where id = $1)
        on conflict do nothing)
      update webhook_deliveries set status = $8, next_attempt_at = $9, final_error = $10,
             updated_at = now()
      where id = $1 and attempts = $2 and status = 'pending'
      """;

  /** A success ends the endpoint's failure clock. */
  private static final String ENDPOINT_SUCCEEDED =
      "update webhook_endpoints set failing_since = null where id = $1 and failing_since is not null";

  /**
   * A failure starts the endpoint's failure clock; the endpoint is disabled when the receiver said
   * 410 Gone ($2) or has failed for longer than $3 seconds, and its pending deliveries then fail.
   */
  private static final String ENDPOINT_FAILED =
      """
      with endpoint as (
        update webhook_endpoints set
          failing_since = coalesce(failing_since, now()),
          enabled = enabled and not ($2 or coalesce(failing_since, now()) < now() - make_interval(secs => $3)),
          disabled_reason = case
            when not enabled then disabled_reason
            when $2 then 'the receiver answered 410 Gone'
            when coalesce(failing_since, now()) < now() - make_interval(secs => $3)
              then 'no successful delivery since ' || to_char(failing_since at time zone 'UTC',
                                                              'YYYY-MM-DD"T"HH24:MI:SS"Z"')
            else disabled_reason end,
          updated_at = now()
        where id = $1
        returning id, enabled)
      update webhook_deliveries d set status = 'failed', next_attempt_at = null,
             final_error = 'endpoint disabled', updated_at = now()
      from endpoint where not endpoint.enabled and d.endpoint_id = endpoint.id
        and d.status = 'pending'
      """;

  /** A job's own URL that answered 410: its other pending deliveries stop too. */
  private static final String JOB_URL_GONE =
      """
      update webhook_deliveries set status = 'failed', next_attempt_at = null,
             final_error = 'gone', updated_at = now()
      where job_id = $1 and endpoint_id is null and status = 'pending'
      """;

  private final Pool pool;

  public DeliveryQueue(Pool pool) {
    this.pool = pool;
  }

  /**
   * Claims due deliveries for one attempt each.
   *
   * @param limit the most to claim
   * @param busyTargets targets that already have all the attempts in flight they may have here
   * @param perTarget the most to claim for one target
   * @param lease how long the claim holds before another instance may retry the rows
   */
  Uni<List<ClaimedDelivery>> claim(
      int limit, Collection<String> busyTargets, int perTarget, Duration lease) {
    Tuple params =
        Tuple.of(limit, busyTargets.toArray(String[]::new), perTarget, lease.toMillis() / 1000.0);
    return pool.withTransaction(
        connection ->
            asyncCommit(connection)
                .chain(() -> connection.preparedQuery(CLAIM).execute(params))
                .map(
                    rows -> {
                      List<ClaimedDelivery> claimed = new ArrayList<>(rows.size());
                      rows.forEach(row -> claimed.add(ClaimedDelivery.of(row)));
                      return claimed;
                    }));
  }

  /** Records attempts' outcomes, and what they mean for their endpoints, in one transaction. */
  Uni<Void> record(List<AttemptOutcome> outcomes, Duration disableAfter) {
    List<Tuple> deliveries = new ArrayList<>(outcomes.size());
    List<Tuple> succeeded = new ArrayList<>();
    List<Tuple> failed = new ArrayList<>();
    List<Tuple> gone = new ArrayList<>();
    double disableSeconds = disableAfter.toMillis() / 1000.0;
    for (AttemptOutcome outcome : outcomes) {
      deliveries.add(recordRow(outcome));
      ClaimedDelivery delivery = outcome.delivery();
      if (delivery.endpointId() != null) {
        if (outcome.succeeded()) {
          succeeded.add(Tuple.of(delivery.endpointId()));
        } else {
          failed.add(Tuple.of(delivery.endpointId(), outcome.gone(), disableSeconds));
        }
      } else if (outcome.gone() && delivery.event().jobId() != null) {
        gone.add(Tuple.of(delivery.event().jobId()));
      }
    }
    String[] endpoints =
        outcomes.stream()
            .map(outcome -> outcome.delivery().endpointId())
            .filter(java.util.Objects::nonNull)
            .distinct()
            .sorted()
            .toArray(String[]::new);
    return pool.withTransaction(
        connection ->
            asyncCommit(connection)
                .chain(() -> connection.preparedQuery(LOCK_ENDPOINTS).execute(Tuple.of(endpoints)))
                .chain(() -> connection.preparedQuery(RECORD).executeBatch(deliveries))
                .chain(() -> batch(connection, ENDPOINT_SUCCEEDED, succeeded))
                .chain(() -> batch(connection, ENDPOINT_FAILED, failed))
                .chain(() -> batch(connection, JOB_URL_GONE, gone)));
  }

  private static Uni<Void> batch(SqlConnection connection, String sql, List<Tuple> rows) {
    return rows.isEmpty()
        ? Uni.createFrom().voidItem()
        : connection.preparedQuery(sql).executeBatch(rows).replaceWithVoid();
  }

  private static Uni<Void> asyncCommit(SqlConnection connection) {
    return connection.query(ASYNC_COMMIT).execute().replaceWithVoid();
  }

  private static Tuple recordRow(AttemptOutcome outcome) {
    return Tuple.from(
        Arrays.asList(
            outcome.delivery().id(),
            outcome.delivery().attempt(),
            utc(outcome.at()),
            outcome.statusCode(),
            (int) Math.min(Integer.MAX_VALUE, outcome.duration().toMillis()),
            outcome.error(),
            outcome.responseExcerpt(),
            outcome.status(),
            outcome.nextAttemptAt() == null ? null : utc(outcome.nextAttemptAt()),
            outcome.failureReason()));
  }

  private static OffsetDateTime utc(java.time.Instant instant) {
    return instant.atOffset(ZoneOffset.UTC);
  }
}
