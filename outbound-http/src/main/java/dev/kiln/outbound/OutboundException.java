package dev.kiln.outbound;

/**
 * Why an outbound request produced no body (a fetch) or no response (a post). Callers map the kinds
 * to their own error codes (the worker: {@code input_fetch_refused}, {@code input_fetch_failed},
 * {@code input_too_large}). Messages are safe to show to the user who named the URL: they never
 * carry internal addresses.
 */
public abstract sealed class OutboundException extends RuntimeException
    permits FetchRefusedException, FetchFailedException, FetchTooLargeException {

  protected OutboundException(String message, Throwable cause) {
    super(message, cause, false, false);
  }
}
