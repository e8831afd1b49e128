package dev.kiln.api.tenants;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kiln.infra.KilnTestResource;
import dev.kiln.model.ids.Ids;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** Instances that start together create the bootstrap tenant once, without a rate limit. */
@QuarkusTest
@QuarkusTestResource(value = KilnTestResource.class, restrictToAnnotatedClass = false)
class DefaultTenantBootstrapTest {

  private static final Duration WAIT = Duration.ofSeconds(20);

  @Inject TenantStore tenants;
  @Inject Pool pool;

  /** Several rounds: the race between instances is a matter of milliseconds. */
  @Test
  void instancesStartingTogetherCreateOneTenant() {
    for (int round = 0; round < 10; round++) {
      startTogether(8);
    }
  }

  private void startTogether(int instances) {
    String key = ApiKeyHasher.generate();
    String name = "bootstrap-" + System.nanoTime();

    List<Uni<Boolean>> starts =
        IntStream.range(0, instances)
            .mapToObj(
                i ->
                    tenants.ensureBootstrap(
                        ApiKeyHasher.hash(key),
                        Ids.next(Ids.TENANT),
                        name,
                        Ids.next(Ids.API_KEY),
                        ApiKeyHasher.prefix(key)))
            .toList();
    List<Boolean> created = Uni.join().all(starts).andFailFast().await().atMost(WAIT);

    assertThat(created).filteredOn(Boolean::booleanValue).hasSize(1);
    Row tenant =
        pool.preparedQuery(
                "select count(*) over () as n, rate_limit_per_second from tenants"
                    + " where name = $1")
            .execute(Tuple.of(name))
            .await()
            .atMost(WAIT)
            .iterator()
            .next();
    assertThat(tenant.getLong("n")).isEqualTo(1);
    assertThat(tenant.getInteger("rate_limit_per_second")).isZero();
  }

  @Test
  void aBootstrapTenantFromBeforeLimitsBecomesUnlimited() {
    String key = ApiKeyHasher.generate();
    String tenantId = Ids.next(Ids.TENANT);
    pool.preparedQuery(
            "with t as (insert into tenants (id, name) values ($1, 'old default') returning id)"
                + " insert into api_keys (id, tenant_id, key_hash, key_prefix)"
                + " select $2, t.id, $3, $4 from t")
        .execute(Tuple.of(tenantId, Ids.next(Ids.API_KEY), ApiKeyHasher.hash(key), "kiln_sk_old"))
        .await()
        .atMost(WAIT);

    boolean created =
        tenants
            .ensureBootstrap(
                ApiKeyHasher.hash(key),
                Ids.next(Ids.TENANT),
                "ignored",
                Ids.next(Ids.API_KEY),
                ApiKeyHasher.prefix(key))
            .await()
            .atMost(WAIT);

    assertThat(created).isFalse();
    assertThat(tenants.find(tenantId).await().atMost(WAIT).ratePerSecond()).isZero();
  }
}
