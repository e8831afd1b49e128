package dev.kiln.model.json;

/** A wire record that cannot be decoded: poison data, never retried. */
public final class MalformedRecordException extends RuntimeException {

  public MalformedRecordException(Class<?> type, Throwable cause) {
    super("malformed " + type.getSimpleName() + ": " + cause.getMessage(), cause);
  }
}
