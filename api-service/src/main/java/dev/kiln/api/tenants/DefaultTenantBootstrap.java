package dev.kiln.api.tenants;

import dev.kiln.api.config.BootstrapConfig;
import dev.kiln.model.ids.Ids;
import io.quarkus.logging.Log;
import io.quarkus.runtime.StartupEvent;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Creates the default tenant and its API key at start when {@code kiln.bootstrap.api-key} (or
 * {@code api-key-file}) is set, so that a fresh installation is usable at once. Idempotent: an
 * existing key is left alone.
 */
@ApplicationScoped
public class DefaultTenantBootstrap {

  private static final String ENSURE_KEY =
      """
      with existing as (select tenant_id from api_keys where key_hash = $1),
           tenant as (insert into tenants (id, name) select $2, $3
                      where not exists (select 1 from existing) returning id)
      insert into api_keys (id, tenant_id, key_hash, key_prefix)
      select $4, tenant.id, $1, $5 from tenant
      on conflict (key_hash) do nothing
      """;

  private final BootstrapConfig config;
  private final Pool pool;

  public DefaultTenantBootstrap(BootstrapConfig config, Pool pool) {
    this.config = config;
    this.pool = pool;
  }

  void onStart(@Observes StartupEvent start) {
    Optional<String> key = config.apiKey().or(this::keyFromFile);
    if (key.isEmpty()) {
      return;
    }
    int created =
        pool.preparedQuery(ENSURE_KEY)
            .execute(
                Tuple.of(
                    ApiKeyHasher.hash(key.get()),
                    Ids.next(Ids.TENANT),
                    config.tenantName(),
                    Ids.next(Ids.API_KEY),
                    ApiKeyHasher.prefix(key.get())))
            .await()
            .indefinitely()
            .rowCount();
    if (created > 0) {
      Log.infof("Created tenant '%s' with the bootstrap API key", config.tenantName());
    }
  }

  private Optional<String> keyFromFile() {
    return config
        .apiKeyFile()
        .map(Path::of)
        .filter(Files::isRegularFile)
        .map(
            file -> {
              try {
                return Files.readString(file).trim();
              } catch (IOException e) {
                throw new UncheckedIOException(e);
              }
            });
  }
}
