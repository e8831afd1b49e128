package dev.kiln.worker.config;

import io.quarkus.runtime.configuration.MemorySize;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/**
 * Where inputs are read from and results written to (DESIGN §6), and how. Endpoint, region,
 * addressing style and credentials come from the {@code quarkus.s3.*} keys.
 */
@ConfigMapping(prefix = "kiln.storage")
public interface StorageConfig {

  /** The S3 bucket holding media objects and results. */
  @WithDefault("kiln")
  String bucket();

  /** The longest opening a connection to S3 may take. */
  @WithDefault("2s")
  Duration connectTimeout();

  /** The longest one S3 request may take, body included; a slower one is retried. */
  @WithDefault("30s")
  Duration requestTimeout();

  /** Keep-alive connections to S3 at most (HTTP/1.1: one request at a time on each). */
  @WithDefault("32")
  int maxConnections();

  /** Retries of transient S3 failures. */
  Retry retry();

  /** The cache of recently read inputs. */
  InputCache inputCache();

  /** Retries of transient S3 failures: connection errors, timeouts, 5xx, 429 and SlowDown. */
  interface Retry {

    /** Tries of one S3 call in all, the first included; 1 turns retries off. */
    @WithDefault("4")
    int maxAttempts();

    /**
     * The first retry waits up to this long (full jitter), each further one twice as long, capped
     * at {@code max-backoff}.
     */
    @WithDefault("50ms")
    Duration backoff();

    /** The longest wait between two tries. */
    @WithDefault("1s")
    Duration maxBackoff();
  }

  /**
   * Inputs read from the bucket, kept in memory so that variants of one upload (thumbnail, avatar,
   * sticker of the same photo) read it once. Safe because stored objects never change: media ids
   * are never reused, and a result key is only rewritten by a redelivery of the same attempt with
   * the same bytes.
   */
  interface InputCache {

    /** Bytes kept at most, summed over the cached inputs; 0 turns the cache off. */
    @WithDefault("64M")
    MemorySize maxBytes();

    /** Only inputs of at most this size are kept. */
    @WithDefault("1M")
    MemorySize maxObjectBytes();
  }
}
