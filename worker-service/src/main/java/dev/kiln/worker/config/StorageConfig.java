package dev.kiln.worker.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Where inputs are read from and results written to (DESIGN §6). */
@ConfigMapping(prefix = "kiln.storage")
public interface StorageConfig {

  /** The S3 bucket holding media objects and results. */
  @WithDefault("kiln")
  String bucket();
}
