package dev.kiln.api.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** Where images live and how long handed-out URLs stay valid. */
@ConfigMapping(prefix = "kiln.storage")
public interface StorageConfig {

  /** The S3 bucket holding uploads and results. */
  @WithDefault("kiln")
  String bucket();

  /**
   * How long a pre-signed download URL stays valid (1 s to 7 days, the S3 limit). URLs are signed
   * per window of a tenth of this, so one handed out stays valid for 90-100% of it.
   */
  @WithDefault("1h")
  Duration urlExpiry();
}
