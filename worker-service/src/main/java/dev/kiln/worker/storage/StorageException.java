package dev.kiln.worker.storage;

/**
 * S3 failed, after retries where a retry could help: the storage is down, overloaded or
 * misconfigured (credentials, bucket). An infrastructure failure, never the job's input's fault.
 */
public final class StorageException extends RuntimeException {

  public StorageException(String message, Throwable cause) {
    super(message, cause);
  }

  public StorageException(String message) {
    super(message);
  }
}
