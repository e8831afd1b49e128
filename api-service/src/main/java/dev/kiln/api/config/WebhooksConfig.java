package dev.kiln.api.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** Webhook delivery and the event record (docs/webhooks.md). */
@ConfigMapping(prefix = "kiln.webhooks")
public interface WebhooksConfig {

  /**
   * The AES key (base64 of 32 bytes) that webhook secrets are encrypted with in the database. One
   * of this or {@link #encryptionKeyFile()} is required; rotate it by re-creating the secrets.
   */
  Optional<String> encryptionKey();

  /** A file holding the encryption key; created with a new random key when missing (local run). */
  Optional<String> encryptionKeyFile();

  /**
   * Exceptions to the SSRF guard for webhook targets only, comma-separated (CIDRs, addresses, host
   * names or {@code *.domain}, as {@code kiln.outbound.allow}): e.g. an in-cluster receiver. Job
   * inputs keep their own allow-list.
   */
  Optional<List<String>> allow();

  /**
   * Waits between attempts: the first attempt is at once, each next one after the next delay of
   * this list (±{@link #jitter()}); a delivery fails after {@code 1 + delays} attempts. The default
   * makes attempts at 0, 2, 4, 8 and 16 minutes.
   */
  @WithDefault("2m,2m,4m,8m")
  List<Duration> retryDelays();

  /** Random spread of each delay, as a fraction of it. */
  @WithDefault("0.1")
  double jitter();

  /** The longest wait a receiver's {@code Retry-After} (on 429 and 503) can ask for. */
  @WithDefault("1h")
  Duration maxRetryAfter();

  /** How long one attempt may take in all: connect, send, response head and excerpt. */
  @WithDefault("10s")
  Duration timeout();

  /** How long a rotated-out secret keeps signing, as a second signature. */
  @WithDefault("24h")
  Duration secretOverlap();

  /** An endpoint failing without one success for this long is disabled. */
  @WithDefault("5d")
  Duration disableAfter();

  /** Attempts in flight at once in this API instance. */
  @WithDefault("256")
  int concurrency();

  /** Attempts in flight at once to one endpoint (or one job URL) from this API instance. */
  @WithDefault("32")
  int concurrencyPerTarget();

  /**
   * How often due deliveries (retries whose time has come) are looked for besides the database's
   * wake-up notifications; 1 s at least.
   */
  @WithDefault("1s")
  Duration pollInterval();

  /** Results up to this size travel inline to endpoints with {@code include_result}. */
  @WithDefault("65536")
  int maxInlineResultBytes();
}
