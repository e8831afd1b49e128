package dev.kiln.client.errors;

/** Anything that went wrong talking to Kiln; the subclasses tell what. */
public class KilnException extends RuntimeException {

  public KilnException(String message) {
    super(message);
  }

  public KilnException(String message, Throwable cause) {
    super(message, cause);
  }
}
