package dev.kiln.outbound;

import java.util.OptionalInt;

/**
 * The request was allowed but did not produce a body: name resolution or connection failure, a
 * timeout, a non-2xx status, too many redirects. {@link #retryable()} says whether the same request
 * may succeed later (timeouts, network errors, 5xx, 408 and 429) or not (other 4xx, redirect loops,
 * unknown host).
 */
public final class FetchFailedException extends OutboundException {

  private final boolean retryable;
  private final int status;

  public FetchFailedException(String message, boolean retryable, Throwable cause) {
    this(message, retryable, 0, cause);
  }

  private FetchFailedException(String message, boolean retryable, int status, Throwable cause) {
    super(message, cause);
    this.retryable = retryable;
    this.status = status;
  }

  /** A response with a status that is neither 2xx nor a followed redirect. */
  public static FetchFailedException status(int status) {
    boolean retryable = status >= 500 || status == 408 || status == 429;
    return new FetchFailedException("the server answered HTTP " + status, retryable, status, null);
  }

  public boolean retryable() {
    return retryable;
  }

  /** The HTTP status of the final response, when there was one. */
  public OptionalInt status() {
    return status == 0 ? OptionalInt.empty() : OptionalInt.of(status);
  }
}
