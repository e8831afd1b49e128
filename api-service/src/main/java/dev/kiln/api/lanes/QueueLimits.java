package dev.kiln.api.lanes;

import dev.kiln.api.problems.ApiException;
import dev.kiln.api.problems.ProblemCode;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * A tenant's cap on queued jobs ({@code tenants.max_queued_jobs}): a submit over it is refused with
 * 429 {@code queue_limit_reached}. Far from the cap the {@link QueueSnapshot} answers; near it
 * (within {@link #EXACT_MARGIN} jobs or 10 %) the tenant's queued jobs are counted exactly. Submits
 * racing at the very edge may pass it by the few that are in flight at once.
 */
@ApplicationScoped
public class QueueLimits {

  static final long EXACT_MARGIN = 1_000;

  private static final String COUNT =
      """
      select count(*) as queued from (
        select 1 from jobs where tenant_id = $1 and status = 'queued' limit $2) q
      """;

  private final Pool pool;
  private final QueueSnapshot snapshot;
  private final TenantCaps caps;

  public QueueLimits(Pool pool, QueueSnapshot snapshot, TenantCaps caps) {
    this.pool = pool;
    this.snapshot = snapshot;
    this.caps = caps;
  }

  /** Fails with 429 {@code queue_limit_reached} when the tenant's queue is full. */
  public Uni<Void> check(String tenantId) {
    return caps.of(tenantId)
        .chain(cap -> snapshot.figures().chain(figures -> check(tenantId, cap, figures)));
  }

  private Uni<Void> check(String tenantId, long cap, QueueFigures figures) {
    long seen = figures.queued().getOrDefault(tenantId, 0L);
    boolean near = cap - seen <= Math.max(EXACT_MARGIN, cap / 10);
    Uni<Long> queued =
        near
            ? pool.preparedQuery(COUNT)
                .execute(Tuple.of(tenantId, cap))
                .map(rows -> rows.iterator().next().getLong("queued"))
            : Uni.createFrom().item(seen);
    return queued.map(
        n -> {
          if (n >= cap) {
            throw new ApiException(
                    ProblemCode.QUEUE_LIMIT_REACHED,
                    "The account has "
                        + n
                        + " queued jobs, its limit; submit again when some have started")
                .with("max_queued_jobs", cap)
                .withHeader("Retry-After", "5");
          }
          return null;
        });
  }
}
