package dev.kiln.api.problems;

/**
 * The {@code WWW-Authenticate} challenges of 401 answers (RFC 6750): how to authenticate, and
 * whether the credential presented was refused.
 */
public final class Challenges {

  public static final String HEADER = "WWW-Authenticate";

  /** No credential was presented: send an API key (or, for a stream, a stream token). */
  public static final String BEARER = "Bearer realm=\"kiln\"";

  /** A credential was presented and refused. */
  public static final String INVALID_TOKEN = "Bearer realm=\"kiln\", error=\"invalid_token\"";

  private Challenges() {}
}
