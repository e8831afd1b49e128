package dev.kiln.api.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * Limits on requests, checked before any resource reads them so that each is answered with a
 * problem document. The HTTP server's own limits ({@code quarkus.http.limits.*}) stay larger as a
 * backstop; past them the server answers without a body.
 */
@ConfigMapping(prefix = "kiln.http")
public interface HttpConfig {

  /** The longest request URI (path and query), in characters; longer is 414 uri_too_long. */
  @WithDefault("8192")
  int maxUriLength();

  /** The most bytes of request headers (names and values); more is 431. */
  @WithDefault("16384")
  int maxHeaderBytes();

  /** The largest request body other than an upload, in bytes; larger is 413. */
  @WithDefault("1048576")
  long maxJsonBytes();
}
