package dev.kiln.api.credits;

import dev.kiln.api.db.RowValues;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** Reads an account's credit ledger and balance; grants credits. */
@ApplicationScoped
public class CreditLedger {

  private static final String PAGE =
      """
      select id, kind, amount, balance_after, job_id, note, created_at from credit_ledger
      where tenant_id = $1 and ($2::bigint is null or id < $2)
        and ($3::text is null or job_id = $3)
      order by id desc limit $4
      """;

  /** The available balance: the stored one and the refunds not folded in yet. */
  private static final String BALANCE =
      """
      select t.credit_balance + coalesce(
               (select sum(amount) from credit_ledger l
                where l.tenant_id = t.id and not l.settled), 0) as balance
      from tenants t where t.id = $1
      """;

  private static final String GRANT = "select kiln_grant_credits($1, $2, $3) as balance";

  private final Pool pool;

  public CreditLedger(Pool pool) {
    this.pool = pool;
  }

  /** Entries newest first, before {@code beforeId} when given, of one job when given. */
  public Uni<List<LedgerEntryView>> page(String tenantId, Long beforeId, String jobId, int fetch) {
    return pool.preparedQuery(PAGE)
        .execute(Tuple.from(Arrays.asList(tenantId, beforeId, jobId, fetch)))
        .map(
            rows -> {
              List<LedgerEntryView> entries = new ArrayList<>(rows.size());
              rows.forEach(row -> entries.add(entry(row)));
              return entries;
            });
  }

  /** The tenant's available credits; null when it has no credit limit. */
  public Uni<Long> balance(String tenantId) {
    return pool.preparedQuery(BALANCE)
        .execute(Tuple.of(tenantId))
        .map(rows -> rows.size() == 0 ? null : rows.iterator().next().getLong("balance"));
  }

  /**
   * Adds {@code amount} credits (negative to correct) to a tenant, which becomes metered if it was
   * unlimited; answers the new balance.
   */
  public Uni<Long> grant(String tenantId, long amount, String note) {
    return pool.preparedQuery(GRANT)
        .execute(Tuple.of(tenantId, amount, note))
        .map(rows -> rows.iterator().next().getLong("balance"));
  }

  private static LedgerEntryView entry(Row row) {
    return new LedgerEntryView(
        row.getLong("id"),
        "ledger_entry",
        row.getString("kind"),
        row.getLong("amount"),
        row.getLong("balance_after"),
        row.getString("job_id"),
        row.getString("note"),
        RowValues.instant(row, "created_at"));
  }
}
