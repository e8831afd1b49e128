package dev.kiln.api.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.util.Optional;

/** The default tenant created at start, so that a fresh installation can be used at once. */
@ConfigMapping(prefix = "kiln.bootstrap")
public interface BootstrapConfig {

  /** The API key of the default tenant (created or kept at start when set). */
  Optional<String> apiKey();

  /** A file holding that key, read when {@code api-key} is not set (the local run writes one). */
  Optional<String> apiKeyFile();

  /** The default tenant's name. */
  @WithDefault("default")
  String tenantName();
}
