package dev.kiln.api.webhooks;

import dev.kiln.api.db.RowValues;
import io.smallrye.mutiny.Uni;
import io.vertx.core.buffer.Buffer;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;

/**
 * The account's webhook secret, which signs the webhooks of jobs submitted with their own {@code
 * webhook_url}: the tenant row's {@code webhook_*} columns (encrypted like an endpoint's).
 */
@ApplicationScoped
public class AccountSecretStore {

  private static final String ROTATE =
      """
      update tenants set
        webhook_previous_secret = webhook_secret,
        webhook_previous_secret_expires_at =
          case when webhook_secret is null then null else now() + make_interval(secs => $3) end,
        webhook_secret = $2,
        webhook_secret_created_at = now()
      where id = $1
      returning webhook_secret_created_at, webhook_previous_secret_expires_at
      """;
  private static final String STATE =
      "select webhook_secret_created_at, webhook_previous_secret_expires_at from tenants"
          + " where id = $1";

  private final Pool pool;

  public AccountSecretStore(Pool pool) {
    this.pool = pool;
  }

  /** Makes {@code encrypted} the current secret; the old one signs too for {@code overlap}. */
  Uni<State> rotate(String tenantId, byte[] encrypted, Duration overlap) {
    return pool.preparedQuery(ROTATE)
        .execute(Tuple.of(tenantId, Buffer.buffer(encrypted), overlap.toMillis() / 1000.0))
        .map(rows -> State.of(rows.iterator().next()));
  }

  /** When the current secret was made (null: none yet), and until when the previous one signs. */
  public Uni<State> state(String tenantId) {
    return pool.preparedQuery(STATE)
        .execute(Tuple.of(tenantId))
        .map(rows -> rows.size() == 0 ? new State(null, null) : State.of(rows.iterator().next()));
  }

  /** The secret's dates. */
  public record State(Instant createdAt, Instant previousExpiresAt) {

    public boolean exists() {
      return createdAt != null;
    }

    static State of(Row row) {
      return new State(
          RowValues.instant(row, "webhook_secret_created_at"),
          RowValues.instant(row, "webhook_previous_secret_expires_at"));
    }
  }
}
