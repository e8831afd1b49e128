package dev.kiln.api.support;

import static io.restassured.RestAssured.given;

import dev.kiln.api.tenants.ApiKeyHasher;
import dev.kiln.model.ids.Ids;
import io.restassured.specification.RequestSpecification;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import java.time.Duration;

/** Another account than the bootstrap tenant, for isolation tests. */
public final class Tenants {

  private Tenants() {}

  /** Creates a tenant with a new key; answers requests authenticated with it. */
  public static RequestSpecification another(Pool pool) {
    return as(anotherKey(pool));
  }

  /** Creates a tenant with a new key; answers the key, for many requests as that tenant. */
  public static String anotherKey(Pool pool) {
    String tenant = Ids.next(Ids.TENANT);
    String key = "kiln_sk_other_" + Long.toHexString(System.nanoTime());
    pool.preparedQuery(
            "with t as (insert into tenants (id, name) values ($1, 'other') returning id)"
                + " insert into api_keys (id, tenant_id, key_hash, key_prefix)"
                + " select $2, t.id, $3, $4 from t")
        .execute(
            Tuple.of(tenant, Ids.next(Ids.API_KEY), ApiKeyHasher.hash(key), key.substring(0, 12)))
        .await()
        .atMost(Duration.ofSeconds(10));
    return key;
  }

  /** A request authenticated with the key. */
  public static RequestSpecification as(String key) {
    return given().header("Authorization", "Bearer " + key);
  }
}
