package dev.kiln.api.config;

import io.smallrye.config.ConfigMapping;
import java.util.List;
import java.util.Optional;

/**
 * The SSRF policy for the job input URLs that clients name (webhook targets have their own
 * allow-list, kiln.webhooks.allow), shared with the worker's {@code kiln.outbound.*} settings: set
 * the same allow-list on both services.
 */
@ConfigMapping(prefix = "kiln.outbound")
public interface OutboundConfig {

  /**
   * Exceptions to the guard, comma-separated: CIDRs, single addresses, host names or {@code
   * *.domain} (docs/security.md). Empty by default: public addresses only.
   */
  Optional<List<String>> allow();
}
