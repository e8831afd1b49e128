package dev.kiln.api.support;

import static io.restassured.RestAssured.given;

import dev.kiln.api.tenants.ApiKeyHasher;
import dev.kiln.model.ids.Ids;
import io.restassured.specification.RequestSpecification;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import java.time.Duration;
import java.util.Arrays;

/** Another account than the bootstrap tenant, for isolation tests. */
public final class Tenants {

  private Tenants() {}

  /** Creates a tenant with a new key; answers requests authenticated with it. */
  public static RequestSpecification another(Pool pool) {
    return create(pool, null, null).request();
  }

  /** An account of the tests: its id and key. */
  public record Account(String id, String key) {

    /** A new request authenticated as this account. */
    public RequestSpecification request() {
      return given().header("Authorization", "Bearer " + key);
    }
  }

  /**
   * Creates a tenant with a new key.
   *
   * @param credits its credit balance, null for unlimited
   * @param maxQueuedJobs its queue cap, null for the default
   */
  public static Account create(Pool pool, Long credits, Integer maxQueuedJobs) {
    String tenant = Ids.next(Ids.TENANT);
    String key = "kiln_sk_other_" + Long.toHexString(System.nanoTime());
    pool.preparedQuery(
            "with t as (insert into tenants (id, name, credit_balance, max_queued_jobs)"
                + " values ($1, 'other', $5, coalesce($6, 100000)) returning id)"
                + " insert into api_keys (id, tenant_id, key_hash, key_prefix)"
                + " select $2, t.id, $3, $4 from t")
        .execute(
            Tuple.from(
                Arrays.asList(
                    tenant,
                    Ids.next(Ids.API_KEY),
                    ApiKeyHasher.hash(key),
                    key.substring(0, 12),
                    credits,
                    maxQueuedJobs)))
        .await()
        .atMost(Duration.ofSeconds(10));
    return new Account(tenant, key);
  }

  /** Creates a tenant with a new key; answers the key, for many requests as that tenant. */
  public static String anotherKey(Pool pool) {
    return create(pool, null, null).key();
  }

  /** A request authenticated with the key. */
  public static RequestSpecification as(String key) {
    return given().header("Authorization", "Bearer " + key);
  }
}
