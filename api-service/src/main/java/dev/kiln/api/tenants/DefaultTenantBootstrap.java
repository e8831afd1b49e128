package dev.kiln.api.tenants;

import dev.kiln.api.config.BootstrapConfig;
import dev.kiln.api.config.KeyFiles;
import dev.kiln.model.ids.Ids;
import io.quarkus.logging.Log;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.Optional;

/**
 * Creates the default tenant and its API key at start when {@code kiln.bootstrap.api-key} (or
 * {@code api-key-file}) is set, so that a fresh installation is usable at once. Idempotent, and
 * safe when several instances start together (they take turns under an advisory lock): an existing
 * key is left alone. The default tenant has no rate limit until an operator sets one.
 */
@ApplicationScoped
public class DefaultTenantBootstrap {

  private final BootstrapConfig config;
  private final TenantStore tenants;

  public DefaultTenantBootstrap(BootstrapConfig config, TenantStore tenants) {
    this.config = config;
    this.tenants = tenants;
  }

  void onStart(@Observes StartupEvent start) {
    Optional<String> key = config.apiKey().or(() -> config.apiKeyFile().flatMap(KeyFiles::read));
    if (key.isEmpty()) {
      return;
    }
    boolean created =
        tenants
            .ensureBootstrap(
                ApiKeyHasher.hash(key.get()),
                Ids.next(Ids.TENANT),
                config.tenantName(),
                Ids.next(Ids.API_KEY),
                ApiKeyHasher.prefix(key.get()))
            .await()
            .indefinitely();
    if (created) {
      Log.infof("Created tenant '%s' with the bootstrap API key", config.tenantName());
    }
  }
}
