package dev.kiln.api.config;

import io.smallrye.config.ConfigMapping;
import java.util.Optional;

/**
 * The operator key of the admin API ({@code /v1/admin}); with neither key set, the admin API does
 * not exist (404).
 */
@ConfigMapping(prefix = "kiln.admin")
public interface AdminConfig {

  /** The operator key, sent as {@code Authorization: Bearer <key>} to {@code /v1/admin}. */
  Optional<String> key();

  /** A file holding that key, read when {@code key} is not set (the local run writes one). */
  Optional<String> keyFile();
}
