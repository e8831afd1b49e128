package dev.kiln.api.support;

import io.quarkus.vertx.http.HttpServerOptionsCustomizer;
import io.vertx.core.http.HttpServerOptions;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Gives the test server's connections a fixed 64 KB kernel send buffer. Linux grows a loopback
 * connection's buffer to megabytes, so a client that stops reading would otherwise take many
 * megabytes of events before the server notices; with this, a stalled stream shows after a few
 * dozen events.
 */
@ApplicationScoped
public class SmallSendBuffers implements HttpServerOptionsCustomizer {

  static final int BYTES = 64 * 1024;

  @Override
  public void customizeHttpServer(HttpServerOptions options) {
    options.setSendBufferSize(BYTES);
  }
}
