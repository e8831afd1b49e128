package dev.kiln.api.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Limits on uploaded images. */
@ConfigMapping(prefix = "kiln.media")
public interface MediaConfig {

  /** The largest upload accepted, in bytes (25 MiB). */
  @WithDefault("26214400")
  long maxBytes();

  /** The most pixels an upload may declare in its header (decompression-bomb guard). */
  @WithDefault("50000000")
  long maxPixels();
}
