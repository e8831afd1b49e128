package dev.kiln.client.errors;

/**
 * Kiln could not be reached, or the connection failed before a complete answer came (after the
 * retries the call allowed).
 */
public class KilnConnectionException extends KilnException {

  public KilnConnectionException(String message, Throwable cause) {
    super(message, cause);
  }
}
