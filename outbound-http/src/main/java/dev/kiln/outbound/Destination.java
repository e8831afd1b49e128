package dev.kiln.outbound;

import java.net.InetAddress;
import java.net.URI;
import java.util.Optional;

/**
 * A URL that passed the checks possible without DNS, split into what a connection needs.
 *
 * @param url the URL as given (or as redirected to)
 * @param host the host, normalised and without IPv6 brackets; sent as Host and TLS SNI
 * @param port the explicit port or the scheme's default
 * @param tls whether the scheme is https
 * @param literal the address when the host is an IP literal (no DNS needed)
 */
public record Destination(
    URI url, String host, int port, boolean tls, Optional<InetAddress> literal) {

  /**
   * The Host header: the name (IPv6 literals in brackets) and the port unless it is the scheme's
   * default.
   */
  public String authority() {
    String name = host.indexOf(':') >= 0 ? "[" + host + "]" : host;
    return port == (tls ? 443 : 80) ? name : name + ":" + port;
  }

  /** Path and query as sent on the request line ({@code /} when the URL has no path). */
  public String requestTarget() {
    String path = url.getRawPath() == null || url.getRawPath().isEmpty() ? "/" : url.getRawPath();
    return url.getRawQuery() == null ? path : path + "?" + url.getRawQuery();
  }
}
