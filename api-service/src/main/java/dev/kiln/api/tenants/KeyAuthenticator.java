package dev.kiln.api.tenants;

import com.github.benmanes.caffeine.cache.AsyncCache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.Optional;

/**
 * Resolves API keys to tenants with a short-lived cache, so that authentication costs no query on
 * the hot path; a revoked key stops working within {@link #TTL}.
 */
@ApplicationScoped
public class KeyAuthenticator {

  static final Duration TTL = Duration.ofSeconds(30);

  private final ApiKeyRepository keys;
  private final AsyncCache<String, Optional<String>> cache =
      Caffeine.newBuilder().expireAfterWrite(TTL).maximumSize(10_000).buildAsync();

  public KeyAuthenticator(ApiKeyRepository keys) {
    this.keys = keys;
  }

  /** The tenant id of a presented key, or empty when the key is unknown or revoked. */
  public Uni<Optional<String>> tenantOf(String presentedKey) {
    String hash = ApiKeyHasher.hash(presentedKey);
    return Uni.createFrom()
        .completionStage(
            () -> cache.get(hash, (h, executor) -> keys.tenantOf(h).subscribeAsCompletionStage()));
  }
}
