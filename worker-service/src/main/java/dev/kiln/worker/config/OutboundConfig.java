package dev.kiln.worker.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * Requests to URLs that users name (URL inputs). Every request goes through the SSRF guard of
 * {@code outbound-http}: only public addresses unless listed here (docs/security.md).
 */
@ConfigMapping(prefix = "kiln.outbound")
public interface OutboundConfig {

  /**
   * Exceptions to the guard, comma-separated: CIDRs ({@code 10.20.0.0/16}), single addresses, host
   * names ({@code images.internal}) or {@code *.domain}. Cloud metadata addresses open only for an
   * entry naming exactly that address. Empty by default: public addresses only.
   */
  Optional<List<String>> allow();

  /** The longest a connection to a URL may take to open. */
  @WithDefault("5s")
  Duration connectTimeout();

  /**
   * The longest a whole fetch may take, redirects and body included; also bounded by what is left
   * of the job's deadline.
   */
  @WithDefault("30s")
  Duration fetchTimeout();

  /** Redirects followed, each checked like the first URL. */
  @WithDefault("5")
  int maxRedirects();
}
