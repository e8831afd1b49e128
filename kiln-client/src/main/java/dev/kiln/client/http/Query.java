package dev.kiln.client.http;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.StringJoiner;

/** A query string built from optional parameters: those given null are left out. */
public final class Query {

  private final StringJoiner joined = new StringJoiner("&");

  /** Adds {@code name=value} unless {@code value} is null. */
  public Query add(String name, Object value) {
    if (value != null) {
      joined.add(encode(name) + "=" + encode(String.valueOf(value)));
    }
    return this;
  }

  /** {@code ?a=1&b=2}, or the empty string without parameters. */
  @Override
  public String toString() {
    return joined.length() == 0 ? "" : "?" + joined;
  }

  /** A path segment or parameter value, percent-encoded. */
  public static String encode(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
  }
}
