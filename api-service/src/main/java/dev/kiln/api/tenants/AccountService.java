package dev.kiln.api.tenants;

import dev.kiln.api.config.MediaConfig;
import dev.kiln.api.db.RowValues;
import dev.kiln.api.fleet.FleetProbe;
import dev.kiln.api.fleet.FleetStatus;
import dev.kiln.api.problems.ApiException;
import dev.kiln.model.pipeline.Limits;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.ZoneOffset;

/** Reads an account with its current queue usage. */
@ApplicationScoped
public class AccountService {

  private static final String ACCOUNT =
      """
      select t.id, t.name, t.created_at, t.webhook_secret_created_at, t.max_queued_jobs,
             t.credit_balance + coalesce(
               (select sum(amount) from credit_ledger l
                where l.tenant_id = t.id and not l.settled), 0) as credit_balance,
             (select count(*) from jobs where tenant_id = t.id and status = 'queued') as queued,
             (select count(*) from jobs where tenant_id = t.id and status = 'processing') as processing
      from tenants t where t.id = $1
      """;

  private final Pool pool;
  private final MediaConfig media;
  private final FleetProbe fleet;

  public AccountService(Pool pool, MediaConfig media, FleetProbe fleet) {
    this.pool = pool;
    this.media = media;
    this.fleet = fleet;
  }

  public Uni<AccountView> describe(String tenantId) {
    return pool.preparedQuery(ACCOUNT)
        .execute(Tuple.of(tenantId))
        .map(rows -> rows.iterator())
        .map(
            it -> {
              if (!it.hasNext()) {
                throw ApiException.notFound("account", tenantId);
              }
              return toView(it.next());
            });
  }

  private static AccountView.Workers workers(FleetStatus status) {
    return new AccountView.Workers(
        status.state(), status.workersConsuming(), status.jobsLag(), status.checkedAt());
  }

  private AccountView toView(Row row) {
    return new AccountView(
        row.getString("id"),
        "account",
        row.getString("name"),
        row.getOffsetDateTime("created_at").withOffsetSameInstant(ZoneOffset.UTC).toInstant(),
        new AccountView.Usage(row.getLong("queued"), row.getLong("processing")),
        workers(fleet.status()),
        new AccountView.Webhooks(
            row.getOffsetDateTime("webhook_secret_created_at") != null,
            RowValues.instant(row, "webhook_secret_created_at")),
        new AccountView.Credits(
            row.getLong("credit_balance") != null, row.getLong("credit_balance")),
        new AccountView.Limits(
            media.maxBytes(),
            media.maxPixels(),
            Limits.MAX_STEPS,
            row.getInteger("max_queued_jobs")));
  }
}
