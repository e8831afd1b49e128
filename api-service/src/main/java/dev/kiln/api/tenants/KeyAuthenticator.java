package dev.kiln.api.tenants;

import com.github.benmanes.caffeine.cache.AsyncCache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.kiln.api.config.AuthConfig;
import dev.kiln.api.db.PgNotifications;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.Optional;

/**
 * Resolves API keys with a short-lived cache ({@code kiln.auth.cache-ttl}), so that authentication
 * costs no query on the hot path. A revoked key or a tenant's changed limits leave the cache of
 * every instance at once: the database notifies channel {@value #CHANNEL} (see the V5 migration),
 * and the whole cache is dropped whenever the listening connection is re-established.
 */
@ApplicationScoped
public class KeyAuthenticator {

  static final String CHANNEL = "kiln_api_keys";
  private static final String KEY = "key:";
  private static final String TENANT = "tenant:";

  private final ApiKeyStore keys;
  private final PgNotifications notifications;
  private final AsyncCache<String, Optional<AuthenticatedKey>> cache;

  public KeyAuthenticator(ApiKeyStore keys, PgNotifications notifications, AuthConfig config) {
    this.keys = keys;
    this.notifications = notifications;
    this.cache =
        Caffeine.newBuilder().expireAfterWrite(config.cacheTtl()).maximumSize(10_000).buildAsync();
  }

  void start(@Observes StartupEvent event) {
    notifications.listen(CHANNEL, this::onChange, () -> cache.synchronous().invalidateAll());
  }

  /** The active key behind a presented key, or empty when it is unknown or revoked. */
  public Uni<Optional<AuthenticatedKey>> authenticate(String presentedKey) {
    String hash = ApiKeyHasher.hash(presentedKey);
    return Uni.createFrom()
        .completionStage(
            () ->
                cache.get(
                    hash, (h, executor) -> keys.authenticate(h).subscribeAsCompletionStage()));
  }

  /**
   * The active key with this id, read now (not cached): a stream token stops working with its key.
   */
  public Uni<Optional<AuthenticatedKey>> authenticateId(String keyId) {
    return keys.authenticateId(keyId);
  }

  /** Forgets a key at once on this instance (the others hear of it by notification). */
  void forgetKey(String keyHash) {
    cache.synchronous().invalidate(keyHash);
  }

  /** Forgets every key of a tenant, whose limits changed. */
  void forgetTenant(String tenantId) {
    cache
        .synchronous()
        .asMap()
        .entrySet()
        .removeIf(
            entry -> entry.getValue().map(key -> key.tenantId().equals(tenantId)).orElse(false));
  }

  private void onChange(String payload) {
    if (payload.startsWith(KEY)) {
      forgetKey(payload.substring(KEY.length()));
    } else if (payload.startsWith(TENANT)) {
      forgetTenant(payload.substring(TENANT.length()));
    } else {
      cache.synchronous().invalidateAll();
    }
  }
}
