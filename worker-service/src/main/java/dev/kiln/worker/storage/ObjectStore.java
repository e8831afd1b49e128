package dev.kiln.worker.storage;

import dev.kiln.worker.config.StorageConfig;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Vertx;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * Inputs and results in the bucket. Blocking S3 calls: run on worker threads only. Redelivered jobs
 * write to the same key, so a write simply replaces the object.
 *
 * <p>The two calls of every job go around the SDK client's per-call pipeline, which cost about 4 ms
 * of CPU per call (docs/decisions.md): each request is signed with the SDK's SigV4 signer ({@link
 * SignedRequests}) for the endpoint, region and credentials of the configured {@link S3Client}
 * ({@link S3Endpoint}), sent over a keep-alive pool ({@link S3Http}) and retried on transient
 * failures ({@link StorageRetry}).
 */
@ApplicationScoped
public class ObjectStore {

  /** A PUT's answer has an empty body; anything is accepted up to this. */
  private static final long PUT_ANSWER_LIMIT = 64 * 1024;

  private final SignedRequests requests;
  private final S3Http http;
  private final StorageRetry retry;
  private final StorageMeters meters;

  @Inject
  public ObjectStore(S3Client s3, Vertx vertx, StorageConfig config, MeterRegistry registry) {
    this(
        S3Endpoint.of(s3, config.bucket()),
        new S3Http(
            vertx, config.connectTimeout(), config.requestTimeout(), config.maxConnections()),
        new StorageRetry(
            config.retry().maxAttempts(), config.retry().backoff(), config.retry().maxBackoff()),
        new StorageMeters(registry));
  }

  ObjectStore(S3Endpoint endpoint, S3Http http, StorageRetry retry, StorageMeters meters) {
    this.requests = new SignedRequests(endpoint);
    this.http = http;
    this.retry = retry;
    this.meters = meters;
  }

  /**
   * Reads a whole object, refusing one larger than {@code maxBytes} before downloading it.
   *
   * @throws ObjectNotFoundException when there is no such key
   * @throws ObjectTooLargeException when the object is larger than {@code maxBytes}
   * @throws StorageException when S3 failed (after retries)
   */
  public byte[] read(String key, long maxBytes) {
    String what = "GET " + key;
    S3Response response = send("get", what, () -> http.send(requests.get(key), maxBytes));
    if (response.successful()) {
      return response.body();
    }
    if (response.status() == 404 && !"NoSuchBucket".equals(response.errorCode())) {
      throw new ObjectNotFoundException(key);
    }
    throw failed(what, response);
  }

  /**
   * Stores {@code bytes} under {@code key} with {@code contentType}, replacing any object there.
   *
   * @throws StorageException when S3 failed (after retries)
   */
  public void write(String key, byte[] bytes, String contentType) {
    String what = "PUT " + key;
    S3Response response =
        send("put", what, () -> http.send(requests.put(key, bytes, contentType), PUT_ANSWER_LIMIT));
    if (!response.successful()) {
      throw failed(what, response);
    }
  }

  /** One call with its retries, counted: a 404 is an answer, not an error of the storage. */
  private S3Response send(String operation, String what, StorageRetry.Call call) {
    try {
      S3Response response = retry.run(what, call, () -> meters.retried(operation));
      meters.finished(operation, response.successful() || response.status() == 404);
      return response;
    } catch (StorageException e) {
      meters.finished(operation, false);
      throw e;
    }
  }

  @PreDestroy
  void close() {
    http.close();
  }

  private StorageException failed(String what, S3Response response) {
    String tries =
        StorageRetry.retryable(response) ? " after " + retry.maxAttempts() + " attempts" : "";
    return new StorageException(what + ": S3 answered " + response.describe() + tries);
  }

  /** No object under the key. */
  public static final class ObjectNotFoundException extends RuntimeException {

    public ObjectNotFoundException(String key) {
      super("no object " + key, null, false, false);
    }
  }

  /** The object is larger than the caller accepts. */
  public static final class ObjectTooLargeException extends RuntimeException {

    private final long size;
    private final long limit;

    public ObjectTooLargeException(long size, long limit) {
      super("the object is " + size + " bytes; the limit is " + limit, null, false, false);
      this.size = size;
      this.limit = limit;
    }

    public long size() {
      return size;
    }

    public long limit() {
      return limit;
    }
  }
}
