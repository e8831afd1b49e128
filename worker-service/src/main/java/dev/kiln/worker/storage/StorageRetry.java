package dev.kiln.worker.storage;

import io.quarkus.logging.Log;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Tries an S3 call again after a transient failure: no answer at all (a refused or reset
 * connection, a keep-alive connection the server had closed, a timeout) or an answer that says
 * "later" (500, 502, 503, 504, 429, {@code SlowDown}, {@code RequestTimeout}). Waits between tries
 * are exponential with full jitter, so that workers hit by the same hiccup do not come back in
 * step. Only for idempotent calls: every call here is a GET or a PUT to a deterministic key.
 */
final class StorageRetry {

  private static final Set<Integer> RETRYABLE_STATUS = Set.of(429, 500, 502, 503, 504);
  private static final Set<String> RETRYABLE_CODES =
      Set.of("SlowDown", "RequestTimeout", "InternalError", "ServiceUnavailable");

  private final int maxAttempts;
  private final long backoffMillis;
  private final long maxBackoffMillis;

  /**
   * @param maxAttempts tries in all, the first included (1: no retry)
   * @param backoff the longest wait before the first retry; doubled for each further one
   * @param maxBackoff the longest wait between two tries
   */
  StorageRetry(int maxAttempts, Duration backoff, Duration maxBackoff) {
    if (maxAttempts < 1) {
      throw new IllegalArgumentException("max attempts must be at least 1: " + maxAttempts);
    }
    this.maxAttempts = maxAttempts;
    this.backoffMillis = backoff.toMillis();
    this.maxBackoffMillis = maxBackoff.toMillis();
  }

  /** One try of the call; signs and sends a fresh request each time. */
  @FunctionalInterface
  interface Call {
    S3Response send() throws IOException;
  }

  /**
   * @param what the call, for messages: {@code GET tenants/t/media/m}
   * @param beforeRetry told before each further try
   * @return the first answer that is not transient, or the last one
   * @throws StorageException when the last try got no answer at all
   */
  S3Response run(String what, Call call, Runnable beforeRetry) {
    for (int attempt = 1; ; attempt++) {
      String failure;
      IOException cause = null;
      try {
        S3Response response = call.send();
        if (!retryable(response) || attempt == maxAttempts) {
          return response;
        }
        failure = "S3 answered " + response.describe();
      } catch (InterruptedIOException e) {
        throw new StorageException(what + ": interrupted", e);
      } catch (IOException e) {
        if (attempt == maxAttempts) {
          throw new StorageException(
              what + ": no answer from S3 after " + attempt + " attempts: " + e.getMessage(), e);
        }
        failure = e.getMessage();
        cause = e;
      }
      long pause = pause(attempt);
      Log.debugf(
          cause, "%s: attempt %d failed (%s), retrying in %d ms", what, attempt, failure, pause);
      sleep(what, pause);
      beforeRetry.run();
    }
  }

  /** Whether an answer says the same request may succeed later. */
  static boolean retryable(S3Response response) {
    return RETRYABLE_STATUS.contains(response.status())
        || (!response.successful() && RETRYABLE_CODES.contains(response.errorCode()));
  }

  int maxAttempts() {
    return maxAttempts;
  }

  private long pause(int attempt) {
    long ceiling = Math.min(maxBackoffMillis, backoffMillis << Math.min(attempt - 1, 20));
    return ceiling <= 0 ? 0 : ThreadLocalRandom.current().nextLong(ceiling + 1);
  }

  private static void sleep(String what, long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new StorageException(what + ": interrupted", e);
    }
  }
}
