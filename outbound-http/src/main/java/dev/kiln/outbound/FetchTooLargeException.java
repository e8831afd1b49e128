package dev.kiln.outbound;

/**
 * The response body is larger than the caller's limit: announced by {@code Content-Length}, or
 * passed while streaming, at which point the connection is closed and nothing more is read.
 */
public final class FetchTooLargeException extends OutboundException {

  private final long limit;

  public FetchTooLargeException(long limit) {
    super("the response is larger than the limit of " + limit + " bytes", null);
    this.limit = limit;
  }

  public long limit() {
    return limit;
  }
}
