package dev.kiln.worker.jobs;

import dev.kiln.model.jobs.JobCommand;
import dev.kiln.model.jobs.JobErrorCode;
import dev.kiln.outbound.FetchFailedException;
import dev.kiln.outbound.FetchRefusedException;
import dev.kiln.outbound.FetchTooLargeException;
import dev.kiln.outbound.OutboundFetcher;
import dev.kiln.worker.config.WorkerConfig;
import dev.kiln.worker.storage.InputCache;
import dev.kiln.worker.storage.ObjectStore;
import dev.kiln.worker.storage.ObjectStore.ObjectNotFoundException;
import dev.kiln.worker.storage.ObjectStore.ObjectTooLargeException;
import io.quarkus.logging.Log;
import jakarta.enterprise.context.ApplicationScoped;
import java.net.URI;
import java.net.UnknownHostException;
import java.time.Duration;

/**
 * The bytes of a job's input, from the bucket (a media object) or from a URL through the SSRF
 * guard, capped at {@code kiln.worker.max-input-bytes} either way. Nothing here trusts a declared
 * content type: the pipeline sniffs the format from the bytes. Objects from the bucket go through
 * the {@link InputCache} (they never change); URL inputs are always fetched (they may). Blocking:
 * call on a worker thread.
 */
@ApplicationScoped
public class InputLoader {

  private final ObjectStore store;
  private final InputCache cache;
  private final OutboundFetcher fetcher;
  private final WorkerConfig config;

  public InputLoader(
      ObjectStore store, InputCache cache, OutboundFetcher fetcher, WorkerConfig config) {
    this.store = store;
    this.cache = cache;
    this.fetcher = fetcher;
    this.config = config;
  }

  /**
   * @param budget how long a URL fetch may take at most (what is left of the job's deadline)
   * @throws InputException with the job error code that explains why there are no bytes
   */
  public byte[] load(JobCommand command, Duration budget) {
    if (command.inputKey() != null) {
      return read(command.inputKey());
    }
    if (command.input() != null && command.input().url() != null) {
      return fetch(command.input().url(), budget);
    }
    throw new InputException(JobErrorCode.INPUT_NOT_FOUND, "the job names no input");
  }

  private byte[] read(String key) {
    try {
      return cache.read(key, config.maxInputBytes(), store::read);
    } catch (ObjectNotFoundException e) {
      throw new InputException(JobErrorCode.INPUT_NOT_FOUND, "the input media object is gone");
    } catch (ObjectTooLargeException e) {
      throw new InputException(
          JobErrorCode.IMAGE_TOO_LARGE,
          "the input is " + e.size() + " bytes; the limit is " + e.limit() + " bytes");
    }
  }

  /**
   * A name that does not resolve is retryable here: the resolver reports a failing or timed-out DNS
   * server the same way as a name that does not exist, and the client may simply submit again once
   * DNS answers.
   */
  private byte[] fetch(String url, Duration budget) {
    URI uri;
    try {
      uri = URI.create(url);
    } catch (IllegalArgumentException e) {
      throw new InputException(JobErrorCode.INPUT_FETCH_REFUSED, "the input URL is not valid");
    }
    try {
      return fetcher.getBlocking(uri, config.maxInputBytes(), budget).bytes();
    } catch (FetchRefusedException e) {
      throw new InputException(JobErrorCode.INPUT_FETCH_REFUSED, e.getMessage());
    } catch (FetchTooLargeException e) {
      throw new InputException(JobErrorCode.INPUT_TOO_LARGE, e.getMessage());
    } catch (FetchFailedException e) {
      Log.debugf(e.getCause(), "input URL on %s: %s", uri.getHost(), e.getMessage());
      throw new InputException(
          JobErrorCode.INPUT_FETCH_FAILED,
          e.getMessage(),
          e.retryable() || e.getCause() instanceof UnknownHostException);
    }
  }
}
