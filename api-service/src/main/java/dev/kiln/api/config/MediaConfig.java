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

  /**
   * How many uploads one instance reads at once; more are answered 503 with {@code Retry-After}
   * unread. Bounds the memory uploads hold (each up to {@link #maxBytes()}) and the event-loop time
   * they take from other requests: 16 × the 25 MiB limit is 400 MiB at worst, while an app that
   * uploads a handful of images in parallel is never refused.
   */
  @WithDefault("16")
  int maxConcurrentUploads();
}
