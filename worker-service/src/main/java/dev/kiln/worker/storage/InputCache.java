package dev.kiln.worker.storage;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.kiln.worker.config.StorageConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * Recently read inputs, by storage key, bounded by their total size (Caffeine, size-weighted,
 * evicting what is least likely to be read again). Variants of one upload (thumbnail, avatar and
 * sticker of the same photo) and repeated benchmark inputs then cost one GET. Stored objects never
 * change (new media get new ids; a result key is only rewritten by a redelivery of the same attempt
 * with the same bytes), so an entry never goes stale. The cached arrays are shared: readers must
 * not modify them (the decoder only reads).
 */
@ApplicationScoped
public class InputCache {

  /** Reads an object from the store; {@link ObjectStore#read} in the application. */
  @FunctionalInterface
  public interface Reader {
    byte[] read(String key, long maxBytes);
  }

  private final Cache<String, byte[]> cache;
  private final long maxObjectBytes;

  @Inject
  public InputCache(StorageConfig config) {
    this(
        config.inputCache().maxBytes().asLongValue(),
        config.inputCache().maxObjectBytes().asLongValue());
  }

  /**
   * @param maxBytes the total size of the cached inputs at most; 0 turns the cache off
   * @param maxObjectBytes only inputs of at most this size are cached
   */
  public InputCache(long maxBytes, long maxObjectBytes) {
    this.maxObjectBytes = Math.min(maxObjectBytes, maxBytes);
    this.cache =
        maxBytes <= 0
            ? null
            : Caffeine.newBuilder()
                .maximumWeight(maxBytes)
                .<String, byte[]>weigher((key, bytes) -> bytes.length)
                .executor(Runnable::run) // evict on the caller's thread, no pool task per write
                .build();
  }

  /**
   * The object under {@code key}, from the cache or else from {@code reader} (then kept if small
   * enough). Exceptions of {@code reader} pass through and nothing is cached.
   */
  public byte[] read(String key, long maxBytes, Reader reader) {
    if (cache == null) {
      return reader.read(key, maxBytes);
    }
    byte[] cached = cache.getIfPresent(key);
    if (cached != null && cached.length <= maxBytes) {
      return cached;
    }
    byte[] bytes = reader.read(key, maxBytes);
    if (bytes.length <= maxObjectBytes) {
      cache.put(key, bytes);
    }
    return bytes;
  }

  /** The total size of the cached inputs, after pending evictions. */
  long weightedSize() {
    if (cache == null) {
      return 0;
    }
    cache.cleanUp();
    return cache.policy().eviction().orElseThrow().weightedSize().orElse(0);
  }
}
